package dev.cbagent.fleet;

import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.fleet.ssh.ExecResult;
import dev.cbagent.fleet.ssh.SshConnector;
import dev.cbagent.fleet.ssh.SshException;
import dev.cbagent.fleet.ssh.SshSession;
import dev.cbagent.plan.Arg;
import dev.cbagent.plan.Step;
import dev.cbagent.profile.Durations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The SSH work on one host: ask its name, or prepare a private folder, upload the installer (unless the same file
 * is there), write the secret options file (0600), run the installer, and remove the folder.
 */
final class HostInstall {
    private static final Duration SHORT_COMMAND = Duration.ofMinutes(2);
    private static final Duration CLEANUP = Duration.ofSeconds(10);

    /** Hears what happened on the host, for the journal and the progress display. */
    interface Listener {
        void uploaded(boolean skipped);
    }

    private final SshConnector ssh;
    private final UploadMode upload;
    private final Checksums checksums = new Checksums();

    HostInstall(SshConnector ssh, UploadMode upload) {
        this.ssh = ssh;
        this.upload = upload;
    }

    String askHostname(Host host, Instant deadline) throws HostFailure, InterruptedException {
        try (SshSession session = connect(host)) {
            ExecResult result = session.exec(RemoteScripts.hostname(), left(deadline, SHORT_COMMAND, "hostname"), false);
            String name = result.stdout().strip().lines().findFirst().orElse("").strip();
            if (result.exitCode() != 0 || name.isEmpty()) {
                throw new HostFailure("hostname", result.exitCode(), "'hostname' on the host failed: " + result.lastLine());
            }
            return name;
        } catch (SshException e) {
            throw new HostFailure("hostname", e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new HostFailure("hostname", null, "'hostname' did not answer: " + e.getMessage());
        }
    }

    /** Runs the install step; returns normally only when the installer exited 0. */
    void install(Host host, HostPlan plan, Instant deadline, Listener listener) throws HostFailure, InterruptedException {
        Step step = plan.step();
        try (SshSession session = connect(host)) {
            String stage = "prepare";
            String dir = null;
            try {
                ExecResult prep = session.exec(RemoteScripts.prepare(step.argv().program(), host.sudo()),
                        left(deadline, SHORT_COMMAND, stage), false);
                if (prep.exitCode() == RemoteScripts.SUDO_REFUSED) {
                    throw new HostFailure(stage, prep.exitCode(), "sudo -n needs a password on this host: allow the "
                            + "user NOPASSWD sudo, or connect as root");
                }
                dir = field(prep.stdout(), "dir=");
                if (prep.exitCode() != 0 || dir == null) {
                    throw new HostFailure(stage, prep.exitCode(), "cannot make a private folder on the host: "
                            + plan.redactor().redact(prep.lastLine()));
                }
                stage = "upload";
                String installer = placeInstaller(session, plan, field(prep.stdout(), "sha256="), dir, listener);
                List<String> argv = new ArrayList<>();
                argv.add(installer);
                argv.addAll(step.argv().values().subList(1, step.argv().values().size()));
                if (!step.optionsFile().isEmpty()) {
                    String options = dir + "/options";
                    session.write(optionsFile(step), options, 0600);
                    argv.add(step.optionsFileFlag() + "=" + options);
                }
                stage = "install";
                Duration budget = left(deadline, step.timeout(), stage);
                ExecResult run = session.exec(RemoteScripts.install(argv, host.env(), dir, host.sudo()), budget, true);
                dir = null; // the install script removed it
                if (run.exitCode() != 0) {
                    throw new HostFailure(stage, run.exitCode(), "the installer failed with exit code "
                            + run.exitCode() + (run.lastLine().isEmpty() ? "" : ": "
                            + plan.redactor().redact(run.lastLine())));
                }
            } catch (SshException e) {
                throw new HostFailure(stage, plan.redactor().redact(e.getMessage()), e);
            } catch (TimeoutException e) {
                throw new HostFailure(stage, null, "the " + stage + " step did not finish in time ("
                        + e.getMessage() + "); it was stopped");
            } finally {
                if (dir != null) {
                    removeQuietly(session, dir);
                }
            }
        }
    }

    private String placeInstaller(SshSession session, HostPlan plan, String remoteSha, String dir, Listener listener)
            throws SshException, HostFailure {
        String localSha;
        try {
            localSha = checksums.sha256(plan.localInstaller());
        } catch (IOException e) {
            throw new HostFailure("upload", null, "cannot read the installer " + plan.localInstaller() + ": "
                    + e.getMessage());
        }
        if (upload == UploadMode.AUTO && localSha.equals(remoteSha)) {
            listener.uploaded(true);
            return plan.step().argv().program();
        }
        String target = dir + "/" + plan.localInstaller().getFileName();
        session.upload(plan.localInstaller(), target, 0700);
        listener.uploaded(false);
        return target;
    }

    private static byte[] optionsFile(Step step) throws HostFailure {
        StringBuilder text = new StringBuilder();
        for (Arg arg : step.optionsFile()) {
            String value = arg.value();
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
                throw new HostFailure("upload", null, "an option for the options file contains a line break");
            }
            text.append(value).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private SshSession connect(Host host) throws HostFailure {
        try {
            return ssh.connect(host);
        } catch (SshException e) {
            throw new HostFailure("connect", e.getMessage(), e);
        }
    }

    private static void removeQuietly(SshSession session, String dir) {
        boolean interrupted = Thread.interrupted();
        try {
            session.exec(RemoteScripts.cleanup(dir), CLEANUP, false);
        } catch (SshException | TimeoutException | InterruptedException ignored) {
            // best effort: the folder is private to the user and named cbagent-fleet.*
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String field(String stdout, String prefix) {
        return stdout.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                .filter(s -> !s.isEmpty()).findFirst().orElse(null);
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
