package dev.cbagent.fleet;

import dev.cbagent.exec.Runner;
import dev.cbagent.exec.StepFailure;
import dev.cbagent.exec.StepLogFile;
import dev.cbagent.exec.StepOutcome;
import dev.cbagent.exec.StepRun;
import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.fleet.hosts.HostNameText;
import dev.cbagent.fleet.ssh.ExecResult;
import dev.cbagent.fleet.ssh.RemoteCommand;
import dev.cbagent.fleet.ssh.SshConnector;
import dev.cbagent.fleet.ssh.SshException;
import dev.cbagent.fleet.ssh.SshSession;
import dev.cbagent.plan.Step;
import dev.cbagent.platform.identity.LocalAgent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A fleet host's runner: one SSH connection and one remote command for the whole conversation, spoken in POSIX sh
 * ({@link RemoteScripts}) or PowerShell ({@link WindowsRemoteScript}) as the host's {@link RemoteShell} says. Opening
 * makes the host's private folder and reads its agent identity; running a step copies the installer over SFTP
 * (unless the same file is there), sends the argv and the secret options on stdin, and waits for the exit code and
 * the identity after it. Closing without a step (or after a timeout) ends the remote side, which removes its folder
 * and stops the installer.
 */
final class SshRunner implements Runner {
    static final Duration SHORT_COMMAND = Duration.ofMinutes(2);

    private final SshConnector ssh;
    private final UploadMode upload;
    private final Checksums checksums;
    private final Host host;
    private final HostPlan plan;
    private final Path logDir;

    /** @param logDir where each step's log goes (masked); null: only its masked output comes back */
    SshRunner(SshConnector ssh, UploadMode upload, Checksums checksums, Host host, HostPlan plan, Path logDir) {
        this.ssh = ssh;
        this.upload = upload;
        this.checksums = checksums;
        this.host = host;
        this.plan = plan;
        this.logDir = logDir;
    }

    @Override
    public String route() {
        return plan.shell().route();
    }

    @Override
    public Session open(Instant deadline, Listener listener) throws StepFailure, InterruptedException {
        String stage = "prepare";
        SshSession session = connect();
        RemoteCommand command = null;
        try {
            Duration prepareBudget = left(deadline, SHORT_COMMAND, stage);
            command = plan.shell().start(session, host, plan, prepareBudget);
            Map<String, String> header = header(command, prepareBudget);
            String dir = header.get(RemoteScripts.DIR);
            if (!header.containsKey(RemoteScripts.READY) || dir == null) {
                command.closeStdin();
                ExecResult prep = command.waitFor(SHORT_COMMAND);
                if (plan.shell().exitCode(prep) == RemoteScripts.SUDO_REFUSED) {
                    throw new HostFailure(stage, prep.exitCode(), "sudo -n needs a password on this host: allow "
                            + "the user NOPASSWD sudo, or connect as root");
                }
                throw new HostFailure(stage, plan.shell().exitCode(prep), "cannot make a private folder on the host: "
                        + HostNameText.withoutControls(plan.redactor().redact(prep.lastLine())));
            }
            LocalAgent before = RemoteIdentity.parse(RemoteIdentity.BEFORE + header.getOrDefault(RemoteIdentity.BEFORE,
                    "unreadable"), RemoteIdentity.BEFORE, host.label());
            Opened opened = new Opened(session, command, before, dir, header.get(RemoteScripts.SHA256), deadline, listener);
            command = null;
            session = null;
            return opened;
        } catch (SshException e) {
            throw new HostFailure(stage, plan.redactor().redact(e.getMessage()), e);
        } catch (TimeoutException e) {
            throw new HostFailure(stage, null, "the " + stage + " step did not finish in time (" + e.getMessage()
                    + "); it was stopped");
        } finally {
            if (command != null) {
                command.close();
            }
            if (session != null) {
                session.close();
            }
        }
    }

    /** The host, prepared: its folder made, its identity read, waiting for cbagent's answer. */
    private final class Opened implements Session {
        private final SshSession session;
        private final RemoteCommand command;
        private final LocalAgent before;
        private final String dir;
        private final String remoteSha;
        private final Instant deadline;
        private final Listener listener;
        private boolean answered;

        Opened(SshSession session, RemoteCommand command, LocalAgent before, String dir, String remoteSha,
               Instant deadline, Listener listener) {
            this.session = session;
            this.command = command;
            this.before = before;
            this.dir = dir;
            this.remoteSha = remoteSha;
            this.deadline = deadline;
            this.listener = listener;
        }

        @Override
        public LocalAgent identity() {
            return before;
        }

        @Override
        public StepRun run(Step step, boolean resetIdentityFirst) throws StepFailure, InterruptedException {
            if (answered) {
                throw new IllegalStateException("a fleet host's conversation runs one step");
            }
            String stage = "upload";
            try {
                String installer = placeInstaller(session, step, remoteSha, dir, listener);
                listener.running(step);
                command.send(plan.shell().answer(resetIdentityFirst, installer, step));
                answered = true;
                stage = "install";
                Duration budget = left(deadline, step.timeout(), stage);
                long started = System.nanoTime();
                ExecResult run;
                boolean timedOut = false;
                try {
                    run = command.waitFor(budget);
                } catch (TimeoutException e) {
                    // waitFor closed stdin: the host's watchdog stops the installer and removes the folder
                    run = command.sofar();
                    timedOut = true;
                }
                Duration took = timedOut ? budget : Duration.ofNanos(System.nanoTime() - started);
                int exit = timedOut ? -1 : plan.shell().exitCode(run);
                String output = plan.redactor().redact(installerOutput(run, plan.shell()));
                if (!timedOut && exit == RemoteScripts.RESET_FAILED && resetIdentityFirst) {
                    String last = lastLine(output);
                    throw new HostFailure("identity", exit, "clearing the cloned agent identity or restarting "
                            + "the agent service failed" + (last.isEmpty() ? "" : ": " + last), output);
                }
                LocalAgent after = timedOut ? LocalAgent.unreadable(host.label(), "the install did not finish")
                        : run.stdout().lines().map(l -> RemoteIdentity.parse(l, RemoteIdentity.AFTER, host.label()))
                        .filter(Objects::nonNull).reduce((a, b) -> b)
                        .orElse(LocalAgent.unreadable(host.label(), "the host did not report it after the install"));
                Path log = logDir == null ? null : StepLogFile.in(logDir, host.label() + "-" + step.name());
                List<String> lastLines = log == null ? StepLogFile.lastLines(plan.redactor(), output)
                        : StepLogFile.write(log, plan.redactor().plus(step.secrets()), host.label() + " (" + route()
                        + "): " + String.join(" ", step.argv().display()), output, timedOut
                        ? "timed out after " + budget.toSeconds() + "s; the host was told to stop the installer"
                        : "exit code " + exit + " after " + took.toMillis() + " ms");
                return new StepRun(List.of(StepOutcome.of(step, exit, took, log, timedOut, lastLines)), after, output);
            } catch (SshException e) {
                throw new HostFailure(stage, plan.redactor().redact(e.getMessage()), e);
            }
        }

        @Override
        public void close() {
            try {
                if (!answered) {
                    command.closeStdin();
                    command.waitFor(SHORT_COMMAND);
                }
            } catch (TimeoutException e) {
                // the host did not end its side in time; closing the channel ends it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                command.close();
                session.close();
            }
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

    /**
     * The installer's own last line, from {@link #installerOutput}: stderr's last, else stdout's without the route's
     * handshake and identity lines.
     */
    static String lastLine(String output) {
        return new ExecResult(0, "", output == null ? "" : output).lastLine();
    }

    private static String installerStdout(ExecResult run, RemoteShell shell) {
        return run.stdout().lines().filter(l -> !shell.isProtocolLine(l)).collect(Collectors.joining("\n"));
    }

    /** What the installer printed (stdout without the route's handshake, then stderr), unmasked. */
    static String installerOutput(ExecResult run, RemoteShell shell) {
        String out = installerStdout(run, shell).strip();
        String err = run.stderr().strip();
        return out.isEmpty() ? err : err.isEmpty() ? out : out + "\n" + err;
    }

    private String placeInstaller(SshSession session, Step step, String remoteSha, String dir, Listener listener)
            throws SshException, HostFailure {
        if (upload == UploadMode.AUTO && remoteSha != null && remoteSha.equals(localSha())) {
            listener.uploaded(true);
            return step.argv().program();
        }
        String target = plan.shell().upload(session, plan.localInstaller(), dir);
        listener.uploaded(false);
        return target;
    }

    private String localSha() throws HostFailure {
        try {
            return checksums.sha256(plan.localInstaller());
        } catch (IOException e) {
            throw new HostFailure("upload", null, "cannot read the installer " + plan.localInstaller() + ": "
                    + e.getMessage());
        }
    }

    private SshSession connect() throws HostFailure {
        try {
            return ssh.connect(host);
        } catch (SshException e) {
            throw new HostFailure("connect", e.getMessage(), e);
        }
    }

    static Duration left(Instant deadline, Duration cap, String stage) throws HostFailure {
        if (deadline == null) {
            return cap;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new HostFailure(stage, null, "the host's time (--host-timeout) ran out before the " + stage + " step");
        }
        return left.compareTo(cap) < 0 ? left : cap;
    }
}
