package dev.cbagent.fleet;

import dev.cbagent.exec.Runner;
import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.fleet.hosts.HostNameText;
import dev.cbagent.fleet.ssh.ExecResult;
import dev.cbagent.fleet.ssh.SshConnector;
import dev.cbagent.fleet.ssh.SshException;
import dev.cbagent.fleet.ssh.SshSession;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/** The SSH side of a fleet run: ask a host its name, and each host's {@link SshRunner} for its install step. */
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

    @Override
    public Runner runner(Host host, HostPlan plan) {
        return new SshRunner(ssh, upload, checksums, host, plan, null);
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
