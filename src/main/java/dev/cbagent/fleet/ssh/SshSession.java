package dev.cbagent.fleet.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import dev.cbagent.fleet.hosts.Host;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One authenticated SSH connection: remote commands (one exec channel each) and SFTP uploads. Not thread-safe;
 * close it.
 */
public final class SshSession implements AutoCloseable {
    private final Host host;
    private final Session session;
    private ChannelSftp sftp;

    SshSession(Host host, Session session) {
        this.host = host;
        this.session = session;
    }

    /**
     * Runs {@code command} (a POSIX sh command line) and waits for it.
     *
     * @param holdStdin keep the command's stdin open until it ends: closing it early (on timeout or interrupt)
     *                  is the remote side's signal to stop
     * @throws TimeoutException     the command ran longer than {@code timeout} (it was told to stop)
     * @throws InterruptedException this thread was interrupted (the command was told to stop)
     */
    public ExecResult exec(String command, Duration timeout, boolean holdStdin)
            throws SshException, TimeoutException, InterruptedException {
        try (RemoteCommand running = start(command, timeout)) {
            if (!holdStdin) {
                running.closeStdin();
            }
            return running.waitFor(timeout);
        }
    }

    /** Starts {@code command} (a POSIX sh command line) on its own exec channel; close the result. */
    public RemoteCommand start(String command, Duration connectTimeout) throws SshException {
        ChannelExec channel;
        try {
            channel = (ChannelExec) session.openChannel("exec");
        } catch (JSchException e) {
            throw new SshException("cannot open a command channel to " + host.label() + ": " + e.getMessage(), e);
        }
        channel.setCommand(command);
        try {
            RemoteCommand running = new RemoteCommand(host.label(), channel);
            channel.connect((int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis())));
            return running;
        } catch (IOException | JSchException e) {
            channel.disconnect();
            throw new SshException("the SSH connection to " + host.label() + " failed: " + e.getMessage(), e);
        }
    }

    /** Copies a local file to {@code remotePath} and sets its mode (e.g. 0700). */
    public void upload(Path local, String remotePath, int mode) throws SshException {
        try {
            ChannelSftp channel = sftp();
            channel.put(local.toString(), remotePath, ChannelSftp.OVERWRITE);
            channel.chmod(mode, remotePath);
        } catch (SftpException e) {
            throw new SshException("SFTP upload of " + local.getFileName() + " to " + host.label() + ":" + remotePath
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** Copies a local file to {@code remotePath} as it is (for hosts without mode bits: Windows). */
    public void upload(Path local, String remotePath) throws SshException {
        try {
            sftp().put(local.toString(), remotePath, ChannelSftp.OVERWRITE);
        } catch (SftpException e) {
            throw new SshException("SFTP upload of " + local.getFileName() + " to " + host.label() + ":" + remotePath
                    + " failed: " + e.getMessage(), e);
        }
    }

    private ChannelSftp sftp() throws SshException {
        if (sftp == null) {
            try {
                ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
                channel.connect(30_000);
                sftp = channel;
            } catch (JSchException e) {
                throw new SshException("cannot open SFTP to " + host.label() + " (is the sftp subsystem enabled?): "
                        + e.getMessage(), e);
            }
        }
        return sftp;
    }

    @Override
    public void close() {
        if (sftp != null) {
            sftp.disconnect();
        }
        session.disconnect();
    }
}
