package dev.cbagent.fleet.ssh;

import com.jcraft.jsch.ChannelExec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command running on a host over one exec channel: read its first lines of stdout as they come, answer on its
 * stdin, then wait for its exit. JSch's reader thread writes the output into this object, so nothing polls.
 * Closing stdin (or the channel) is the remote side's cue to stop. Not thread-safe; close it.
 */
public final class RemoteCommand implements AutoCloseable {
    private static final int TAIL_BYTES = 64 * 1024;
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final String label;
    private final ChannelExec channel;
    private final OutputStream stdin;
    private final Sink out = new Sink(true);
    private final Sink err = new Sink(false);
    /** Counted down when the channel is closed (JSch closes the stderr sink then). */
    private final CountDownLatch closed = new CountDownLatch(1);

    RemoteCommand(String label, ChannelExec channel) throws IOException {
        this.label = label;
        this.channel = channel;
        channel.setOutputStream(out, false);
        channel.setExtOutputStream(new OutputStream() {
            @Override
            public void write(int b) {
                err.write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                err.write(b, off, len);
            }

            @Override
            public void close() {
                closed.countDown();
            }
        }, false);
        this.stdin = channel.getOutputStream();
    }

    /**
     * The next line of stdout (without its line break), or null once stdout has ended.
     *
     * @throws TimeoutException no whole line came within {@code timeout}
     */
    public String readLine(Duration timeout) throws TimeoutException, InterruptedException {
        return out.readLine(timeout);
    }

    /** Sends {@code text} to the command's stdin at once. */
    public void send(String text) throws SshException {
        try {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new SshException("the SSH connection to " + label + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Waits for the command to end. Stdin stays open until then (unless {@link #closeStdin()} was called).
     *
     * @throws TimeoutException     it ran longer than {@code timeout}; it was told to stop
     * @throws InterruptedException this thread was interrupted; the command was told to stop
     */
    public ExecResult waitFor(Duration timeout) throws TimeoutException, InterruptedException {
        out.stopLines();
        try {
            if (!closed.await(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                stop();
                throw new TimeoutException("timed out after " + timeout.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            stop();
            throw e;
        }
        return new ExecResult(channel.getExitStatus(), out.text(), err.text());
    }

    /** Ends the command's stdin: the remote watchdog's cue to stop (and the end of the input for others). */
    public void closeStdin() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the connection is gone already
        }
    }

    /** Closes stdin and gives the remote side a moment to act on it before the channel goes. */
    private void stop() {
        closeStdin();
        boolean interrupted = Thread.interrupted();
        try {
            closed.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the command printed so far (tails), for error messages. */
    public ExecResult sofar() {
        return new ExecResult(channel.isClosed() ? channel.getExitStatus() : -1, out.text(), err.text());
    }

    @Override
    public void close() {
        closeStdin();
        channel.disconnect();
    }

    /** Keeps the last bytes of a stream and, until told otherwise, its lines for {@link #readLine}. */
    private static final class Sink extends OutputStream {
        private final ByteArrayOutputStream tail = new ByteArrayOutputStream();
        private final ByteArrayOutputStream lines;
        private boolean ended;

        Sink(boolean keepLines) {
            this.lines = keepLines ? new ByteArrayOutputStream() : null;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            tail.write(b, off, len);
            if (tail.size() > 2 * TAIL_BYTES) {
                byte[] all = tail.toByteArray();
                tail.reset();
                tail.write(all, all.length - TAIL_BYTES, TAIL_BYTES);
            }
            if (lines != null && !ended) {
                lines.write(b, off, len);
                if (lines.size() > TAIL_BYTES) {
                    ended = true; // a protocol header is a few short lines; this is something else
                }
            }
            notifyAll();
        }

        @Override
        public synchronized void close() {
            ended = true;
            notifyAll();
        }

        synchronized void stopLines() {
            ended = true;
            if (lines != null) {
                lines.reset();
            }
        }

        synchronized String readLine(Duration timeout) throws TimeoutException, InterruptedException {
            long until = System.nanoTime() + timeout.toNanos();
            while (true) {
                byte[] bytes = lines.toByteArray();
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] == '\n') {
                        lines.reset();
                        lines.write(bytes, i + 1, bytes.length - i - 1);
                        return new String(bytes, 0, i, StandardCharsets.UTF_8);
                    }
                }
                if (ended) {
                    return null;
                }
                long left = until - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no answer within " + timeout.toSeconds() + "s");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized String text() {
            byte[] all = tail.toByteArray();
            int from = Math.max(0, all.length - TAIL_BYTES);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        }
    }
}
