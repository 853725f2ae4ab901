package dev.cbagent.fleet;

import dev.cbagent.exec.Runner;
import dev.cbagent.exec.StepFailure;
import dev.cbagent.exec.StepOutcome;
import dev.cbagent.exec.StepRun;
import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.fleet.hosts.HostNameText;
import dev.cbagent.fleet.ssh.ExecResult;
import dev.cbagent.fleet.ssh.SshConnector;
import dev.cbagent.fleet.ssh.SshException;
import dev.cbagent.fleet.ssh.SshSession;
import dev.cbagent.platform.identity.LocalAgent;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * The SSH work on one host: ask its name, or run its install step over the host's {@link SshRunner} (private
 * folder, installer upload unless the same file is there, secret options into a 0600 file on the host, the folder
 * removed afterwards), turning a failed step into a {@link HostFailure}.
 */
final class HostInstall implements HostWork {
    private static final Duration SHORT_COMMAND = SshRunner.SHORT_COMMAND;

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
     * Runs the install step over the host's {@link SshRunner}; returns normally only when the installer succeeded
     * (exit 0, or one of the step's reboot exit codes) or the listener decided to skip it.
     */
    @Override
    public Outcome install(Host host, HostPlan plan, Instant deadline, Listener listener)
            throws HostFailure, InterruptedException {
        Runner runner = new SshRunner(ssh, upload, checksums, host, plan, null);
        Runner.Listener uploads = new Runner.Listener() {
            @Override
            public void uploaded(boolean skipped) {
                listener.uploaded(skipped);
            }
        };
        try (Runner.Session session = runner.open(deadline, uploads)) {
            LocalAgent before = session.identity();
            Decision decision = listener.proceed(before);
            if (decision == Decision.SKIP) {
                return new Outcome(before, null);
            }
            StepRun run = session.run(plan.step(), decision == Decision.RESET_AND_INSTALL);
            StepOutcome outcome = run.outcome();
            if (outcome.timedOut()) {
                throw new HostFailure("install", null, "the install step did not finish in time (timed out after "
                        + outcome.duration().toSeconds() + "s); it was stopped", run.output());
            }
            if (!outcome.succeeded()) {
                String last = SshRunner.lastLine(run.output());
                throw new HostFailure("install", outcome.exitCode(), "the installer failed with exit code "
                        + outcome.exitCode() + (last.isEmpty() ? "" : ": " + HostNameText.withoutControls(last)),
                        run.output());
            }
            return new Outcome(before, run.identity(), outcome.exitCode(), outcome.rebootRequired());
        } catch (StepFailure f) {
            throw HostFailure.of(f);
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
        return SshRunner.left(deadline, cap, stage);
    }
}
