package dev.cbagent.fleet.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import dev.cbagent.fleet.hosts.Host;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** One authenticated SSH connection: remote commands and SFTP uploads. Not thread-safe; close it. */
public final class SshSession implements AutoCloseable {
    private static final int TAIL_BYTES = 64 * 1024;
    private static final long POLL_MILLIS = 20;
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
        ChannelExec channel;
        try {
            channel = (ChannelExec) session.openChannel("exec");
        } catch (JSchException e) {
            throw new SshException("cannot open a command channel to " + host.label() + ": " + e.getMessage(), e);
        }
        channel.setCommand(command);
        TailBuffer out = new TailBuffer(TAIL_BYTES);
        TailBuffer err = new TailBuffer(TAIL_BYTES);
        try {
            InputStream stdout = channel.getInputStream();
            InputStream stderr = channel.getErrStream();
            OutputStream stdin = channel.getOutputStream();
            channel.connect((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
            if (!holdStdin) {
                stdin.close();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                out.drain(stdout);
                err.drain(stderr);
                if (channel.isClosed()) {
                    out.drain(stdout);
                    err.drain(stderr);
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    stop(channel, stdin);
                    throw new TimeoutException("timed out after " + timeout.toSeconds() + "s");
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    stop(channel, stdin);
                    throw e;
                }
            }
            stdin.close();
            return new ExecResult(channel.getExitStatus(), out.text(), err.text());
        } catch (IOException | JSchException e) {
            throw new SshException("the SSH connection to " + host.label() + " failed: " + e.getMessage(), e);
        } finally {
            channel.disconnect();
        }
    }

    /** Closes stdin (the remote watchdog's cue) and gives the remote side a moment to act on it. */
    private static void stop(ChannelExec channel, OutputStream stdin) {
        try {
            stdin.close();
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (!channel.isClosed() && System.nanoTime() - until < 0) {
                Thread.onSpinWait();
                java.util.concurrent.locks.LockSupport.parkNanos(POLL_MILLIS * 1_000_000);
            }
        } catch (IOException ignored) {
            // the connection is gone already
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

    /** Writes {@code content} to {@code remotePath}; the mode is set before anything is written. */
    public void write(byte[] content, String remotePath, int mode) throws SshException {
        try {
            ChannelSftp channel = sftp();
            channel.put(new ByteArrayInputStream(new byte[0]), remotePath, ChannelSftp.OVERWRITE);
            channel.chmod(mode, remotePath);
            channel.put(new ByteArrayInputStream(content), remotePath, ChannelSftp.OVERWRITE);
        } catch (SftpException e) {
            throw new SshException("SFTP write of " + remotePath + " on " + host.label() + " failed: " + e.getMessage(), e);
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

    /** Keeps the last {@code limit} bytes of a stream, read without blocking. */
    private static final class TailBuffer {
        private final int limit;
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        TailBuffer(int limit) {
            this.limit = limit;
        }

        void drain(InputStream in) throws IOException {
            byte[] chunk = new byte[8192];
            while (in.available() > 0) {
                int n = in.read(chunk, 0, Math.min(chunk.length, in.available()));
                if (n < 0) {
                    return;
                }
                bytes.write(chunk, 0, n);
            }
            if (bytes.size() > 2 * limit) {
                byte[] all = bytes.toByteArray();
                bytes.reset();
                bytes.write(all, all.length - limit, limit);
            }
        }

        String text() {
            byte[] all = bytes.toByteArray();
            int from = Math.max(0, all.length - limit);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        }
    }
}
