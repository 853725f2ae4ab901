package dev.cbagent.fleet;

import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.fleet.hosts.HostNameText;
import dev.cbagent.fleet.ssh.ExecResult;
import dev.cbagent.fleet.ssh.RemoteCommand;
import dev.cbagent.fleet.ssh.SshConnector;
import dev.cbagent.fleet.ssh.SshException;
import dev.cbagent.fleet.ssh.SshSession;
import dev.cbagent.plan.Arg;
import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.plan.Step;
import dev.cbagent.text.Durations;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The SSH work on one host: ask its name, or prepare a private folder, upload the installer (unless the same file
 * is there), pass the secret options into a 0600 file, run the installer, and remove the folder.
 */
final class HostInstall implements HostWork {
    private static final Duration SHORT_COMMAND = Duration.ofMinutes(2);

    private final SshConnector ssh;
    private final UploadMode upload;
    private final Checksums checksums = new Checksums();

    HostInstall(SshConnector ssh, UploadMode upload) {
        this.ssh = ssh;
        this.upload = upload;
    }

    @Override
    public String askHostname(Host host, Instant deadline) throws HostFailure, InterruptedException {
        try (SshSession session = connect(host)) {
            ExecResult result = session.exec(RemoteScripts.hostname(), left(deadline, SHORT_COMMAND, "hostname"), false);
            String name = result.stdout().strip().lines().findFirst().orElse("").strip();
            if (result.exitCode() != 0 || name.isEmpty()) {
                throw new HostFailure("hostname", result.exitCode(), "'hostname' on the host failed: "
                        + HostNameText.printable(result.lastLine()));
            }
            if (!HostNameText.isHostName(name)) {
                // never printed raw (terminal escapes) nor looked up on the server
                throw new HostFailure("hostname", result.exitCode(), "the host reported a name that is not a host name: '"
                        + HostNameText.printable(name) + "'; give its hostname in the host list");
            }
            return name;
        } catch (SshException e) {
            throw new HostFailure("hostname", e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new HostFailure("hostname", null, "'hostname' did not answer: " + e.getMessage());
        }
    }

    /**
     * Runs the install step; returns normally only when the installer succeeded (exit 0, or one of the step's reboot
     * exit codes). One SSH connection, one command for the whole conversation (see {@link RemoteScripts#install} and
     * {@link WindowsRemoteScript}), SFTP only to copy the installer.
     */
    @Override
    public Outcome install(Host host, HostPlan plan, Instant deadline, Listener listener)
            throws HostFailure, InterruptedException {
        Step step = plan.step();
        RemoteShell shell = plan.shell();
        String stage = "prepare";
        try (SshSession session = connect(host)) {
            Duration prepareBudget = left(deadline, SHORT_COMMAND, stage);
            try (RemoteCommand command = shell.start(session, host, plan, prepareBudget)) {
                Map<String, String> header = header(command, prepareBudget);
                String dir = header.get(RemoteScripts.DIR);
                if (!header.containsKey(RemoteScripts.READY) || dir == null) {
                    command.closeStdin();
                    ExecResult prep = command.waitFor(SHORT_COMMAND);
                    if (shell.exitCode(prep) == RemoteScripts.SUDO_REFUSED) {
                        throw new HostFailure(stage, prep.exitCode(), "sudo -n needs a password on this host: allow "
                                + "the user NOPASSWD sudo, or connect as root");
                    }
                    throw new HostFailure(stage, shell.exitCode(prep), "cannot make a private folder on the host: "
                            + HostNameText.withoutControls(plan.redactor().redact(prep.lastLine())));
                }
                LocalAgent before = RemoteIdentity.parse(RemoteIdentity.BEFORE + header.getOrDefault(RemoteIdentity.BEFORE,
                        "unreadable"), RemoteIdentity.BEFORE, host.label());
                Decision decision = listener.proceed(before);
                if (decision == Decision.SKIP) {
                    command.closeStdin();
                    command.waitFor(SHORT_COMMAND);
                    return new Outcome(before, null);
                }
                stage = "upload";
                String installer = placeInstaller(session, plan, header.get(RemoteScripts.SHA256), dir, listener);
                command.send(shell.answer(decision == Decision.RESET_AND_INSTALL, installer, step));
                stage = "install";
                ExecResult run;
                try {
                    run = command.waitFor(left(deadline, step.timeout(), stage));
                } catch (TimeoutException e) {
                    throw new HostFailure(stage, null, "the " + stage + " step did not finish in time ("
                            + e.getMessage() + "); it was stopped", installerOutput(command.sofar(), shell));
                }
                int exit = shell.exitCode(run);
                String last = installerLastLine(run, shell);
                if (exit == RemoteScripts.RESET_FAILED && decision == Decision.RESET_AND_INSTALL) {
                    throw new HostFailure("identity", exit, "clearing the cloned agent identity or restarting "
                            + "the agent service failed" + (last.isEmpty() ? "" : ": " + plan.redactor().redact(last)),
                            installerOutput(run, shell));
                }
                boolean reboot = exit != 0 && step.rebootExitCodes().contains(exit);
                if (exit != 0 && !reboot) {
                    throw new HostFailure(stage, exit, "the installer failed with exit code "
                            + exit + (last.isEmpty() ? "" : ": "
                            + HostNameText.withoutControls(plan.redactor().redact(last))), installerOutput(run, shell));
                }
                LocalAgent after = run.stdout().lines().map(l -> RemoteIdentity.parse(l, RemoteIdentity.AFTER,
                        host.label())).filter(java.util.Objects::nonNull).reduce((a, b) -> b)
                        .orElse(LocalAgent.unreadable(host.label(), "the host did not report it after the install"));
                return new Outcome(before, after, exit, reboot);
            }
        } catch (SshException e) {
            throw new HostFailure(stage, plan.redactor().redact(e.getMessage()), e);
        } catch (TimeoutException e) {
            throw new HostFailure(stage, null, "the " + stage + " step did not finish in time ("
                    + e.getMessage() + "); it was stopped");
        }
    }

    /** The host's lines up to {@code ready} (or the end of its output), keyed by their prefix. */
    private static Map<String, String> header(RemoteCommand command, Duration timeout)
            throws TimeoutException, InterruptedException {
        Map<String, String> fields = new HashMap<>();
        long until = System.nanoTime() + timeout.toNanos();
        String line;
        while ((line = command.readLine(Duration.ofNanos(Math.max(1, until - System.nanoTime())))) != null) {
            if (line.equals(RemoteScripts.READY)) {
                fields.put(RemoteScripts.READY, "");
                break;
            }
            for (String key : List.of(RemoteScripts.DIR, RemoteScripts.SHA256, RemoteIdentity.BEFORE)) {
                if (line.startsWith(key) && line.length() > key.length()) {
                    fields.put(key, line.substring(key.length()).strip());
                }
            }
        }
        return fields;
    }

    /** The installer's own last line: stderr's, else stdout's without the route's handshake and identity lines. */
    static String installerLastLine(ExecResult run, RemoteShell shell) {
        return new ExecResult(run.exitCode(), installerStdout(run, shell), run.stderr()).lastLine();
    }

    private static String installerStdout(ExecResult run, RemoteShell shell) {
        return run.stdout().lines().filter(l -> !shell.isProtocolLine(l))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** What the installer printed (stdout without the route's handshake, then stderr), unmasked. */
    static String installerOutput(ExecResult run, RemoteShell shell) {
        String out = installerStdout(run, shell).strip();
        String err = run.stderr().strip();
        return out.isEmpty() ? err : err.isEmpty() ? out : out + "\n" + err;
    }

    private String placeInstaller(SshSession session, HostPlan plan, String remoteSha, String dir, Listener listener)
            throws SshException, HostFailure {
        if (upload == UploadMode.AUTO && remoteSha != null && remoteSha.equals(localSha(plan))) {
            listener.uploaded(true);
            return plan.step().argv().program();
        }
        String target = plan.shell().upload(session, plan.localInstaller(), dir);
        listener.uploaded(false);
        return target;
    }

    private String localSha(HostPlan plan) throws HostFailure {
        try {
            return checksums.sha256(plan.localInstaller());
        } catch (IOException e) {
            throw new HostFailure("upload", null, "cannot read the installer " + plan.localInstaller() + ": "
                    + e.getMessage());
        }
    }

    private SshSession connect(Host host) throws HostFailure {
        try {
            return ssh.connect(host);
        } catch (SshException e) {
            throw new HostFailure("connect", e.getMessage(), e);
        }
    }

    private static Duration left(Instant deadline, Duration cap, String stage) throws HostFailure {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new HostFailure(stage, null, "the host's time (--host-timeout) ran out before the " + stage + " step");
        }
        return left.compareTo(cap) < 0 ? left : cap;
    }

    static String describe(Duration d) {
        return Durations.format(d);
    }
}
