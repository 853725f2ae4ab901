package dev.cbagent.fleet;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for the journal: callers queue whole lines; one writer thread takes every line queued so far and
 * writes them at once, in queue order, with one {@code write} (so a killed process loses none), and makes them
 * durable with one {@code fsync} as soon as someone waits for one of them, then wakes those waiting. While one
 * batch is being synced the next one fills, so twenty hosts that start at once share one sync instead of queueing
 * for twenty. Lines nobody waits for are synced with the next line someone waits for, at the latest after
 * {@value #LINGER_MS} ms.
 */
final class JournalWriter implements AutoCloseable {
    /** How long a caller waits for its line to be on disk before the run gives up on the journal. */
    static final long DURABLE_WITHIN_MS = 60_000;
    /** How long a line nobody waits for may stay queued. */
    static final long LINGER_MS = 100;

    private final FileChannel channel;
    private final Path file;
    private final Object lock = new Object();
    private final Thread thread;
    private List<byte[]> queued = new ArrayList<>();
    private long lastQueued;
    private long lastDurable;
    private long batches;
    private long lastWritten;
    private long oldestUnsyncedNanos;
    /** Someone waits for a queued line. */
    private boolean urgent;
    private IOException failure;
    private boolean closing;

    JournalWriter(FileChannel channel, Path file) {
        this.channel = channel;
        this.file = file;
        this.thread = new Thread(this::loop, "fleet-journal");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues one line (with its line break); returns its place in the queue for {@link #awaitDurable}.
     *
     * @param awaited whether the caller is about to wait for it (the writer then starts a batch at once)
     */
    long enqueue(byte[] line, boolean awaited) {
        synchronized (lock) {
            failIfBroken();
            if (closing) {
                throw new IllegalStateException("the journal " + file + " is closed");
            }
            if (lastQueued == lastDurable) {
                oldestUnsyncedNanos = System.nanoTime();
            }
            queued.add(line);
            urgent |= awaited;
            lock.notifyAll();
            return ++lastQueued;
        }
    }

    /**
     * Returns once the line at {@code position} and every line before it are on disk. An interrupt does not cut
     * the wait short (what the caller does next relies on the line); it is kept for the caller.
     */
    void awaitDurable(long position) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + DURABLE_WITHIN_MS * 1_000_000;
        try {
            synchronized (lock) {
                while (lastDurable < position) {
                    failIfBroken();
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        throw new CbagentException(ExitCode.INTERNAL, "cannot write the journal " + file
                                + ": the disk did not confirm a write within " + DURABLE_WITHIN_MS / 1000 + " s");
                    }
                    try {
                        lock.wait(left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Returns once everything queued so far is on disk. */
    void sync() {
        long position;
        synchronized (lock) {
            position = lastQueued;
            urgent |= position > lastDurable;
            lock.notifyAll();
        }
        awaitDurable(position);
    }

    /** Syncs made so far (each covering one batch of lines). */
    long batches() {
        synchronized (lock) {
            return batches;
        }
    }

    private void failIfBroken() {
        if (failure != null) {
            throw new CbagentException(ExitCode.INTERNAL, "cannot write the journal " + file + ": "
                    + failure.getMessage(), failure);
        }
    }

    private void loop() {
        while (true) {
            List<byte[]> batch;
            long upTo;
            boolean syncNow;
            synchronized (lock) {
                while (queued.isEmpty() && !(lastWritten > lastDurable && (urgent || closing || lingerLeftMs() == 0))) {
                    if (closing && lastWritten == lastDurable) {
                        return;
                    }
                    try {
                        lock.wait(lastWritten > lastDurable ? Math.max(1, lingerLeftMs()) : 0);
                    } catch (InterruptedException e) {
                        closing = true;
                    }
                }
                batch = queued;
                queued = new ArrayList<>();
                upTo = lastQueued;
                syncNow = urgent || closing || lingerLeftMs() == 0;
                if (syncNow) {
                    urgent = false;
                }
            }
            IOException error = write(batch, syncNow);
            synchronized (lock) {
                if (error != null) {
                    failure = error;
                    lock.notifyAll();
                    return;
                }
                lastWritten = upTo;
                if (syncNow) {
                    lastDurable = upTo;
                    batches++;
                    lock.notifyAll();
                }
            }
        }
    }

    /** Milliseconds until the oldest line not yet on disk must be synced (0: now). */
    private long lingerLeftMs() {
        long left = LINGER_MS - (System.nanoTime() - oldestUnsyncedNanos) / 1_000_000;
        return Math.max(0, left);
    }

    /** Writes the lines (each whole, in order, in one write) and, when asked, syncs everything written so far. */
    private IOException write(List<byte[]> batch, boolean sync) {
        int size = 0;
        for (byte[] line : batch) {
            size += line.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        batch.forEach(buffer::put);
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (sync) {
                channel.force(false);
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** Writes what is queued, then stops the writer (waiting at most {@link #DURABLE_WITHIN_MS}). */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            thread.join(DURABLE_WITHIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
