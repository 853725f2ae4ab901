package dev.cbagent.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.io.InputFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * The append-only journal: one JSON object a line, written to a file opened with {@code O_APPEND} by one writer
 * thread that writes every line at once, whole and in order, and groups the fsyncs ({@link JournalWriter}), so a
 * crash at any moment leaves whole lines in order and at most one torn last line. {@link #append} returns once its
 * event is on disk (an event that a host's next step relies on); {@link #appendSoon} returns at once, and its
 * event is written at once and synced with the next batch (within 100 ms), at the latest by {@link #sync()} or
 * {@link #close()}. A run holds an exclusive lock on the journal for as long as it is open (a second run on it is
 * refused at once, exit 2, naming the holder's pid, which the holder writes into {@code JOURNAL.lock} beside it).
 * Thread-safe.
 */
public final class Journal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Path pidFile;
    private final Clock clock;
    private final JournalWriter writer;

    private Journal(Path file, FileChannel channel, FileLock lock, Path pidFile, Clock clock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.pidFile = pidFile;
        this.clock = clock;
        this.writer = new JournalWriter(channel, file);
    }

    /**
     * Opens {@code file} for appending (creating it) and locks it; a torn last line (no line break) is cut off
     * first, and a complete last event that lacks only its line break gets one.
     */
    public static Journal open(Path file, Clock clock) {
        Journal journal = lock(file, clock);
        try {
            journal.repairTail();
            return journal;
        } catch (IOException e) {
            journal.close();
            throw new CbagentException(ExitCode.INVALID_INPUT, "cannot open the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens and locks {@code file} without touching its contents: read it with {@link JournalReader} while holding
     * the lock, then {@link #repairTail()}.
     */
    public static Journal lock(Path file, Clock clock) {
        FileChannel channel;
        try {
            if (Files.exists(file)) {
                InputFiles.checkRegular(file, JournalReader.MAX_BYTES);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "cannot open the journal " + file + ": "
                    + describe(e), e);
        }
        Path pidFile = pidFile(file);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CbagentException(ExitCode.INVALID_INPUT, "cannot lock the journal " + file + ": "
                    + describe(e), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new CbagentException(ExitCode.INVALID_INPUT, "the journal " + file + " is in use by another "
                    + "cbagent fleet run" + holder(pidFile) + ": wait for it to end, or name another journal");
        }
        try {
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the lock holds without it; only a second run's message loses the pid
        }
        return new Journal(file, channel, lock, pidFile, clock);
    }

    static Path pidFile(Path journal) {
        return journal.resolveSibling(journal.getFileName() + ".lock");
    }

    private static String holder(Path pidFile) {
        try {
            String pid = Files.readString(pidFile, StandardCharsets.UTF_8).strip();
            return pid.matches("[0-9]{1,10}") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.NoSuchFileException ? "no such folder" : String.valueOf(e.getMessage());
    }

    /** Cuts off a torn last line, or ends a complete last event with its missing line break. */
    public synchronized void repairTail() throws IOException {
        byte[] bytes = InputFiles.readAllBytes(file, JournalReader.MAX_BYTES);
        int end = bytes.length;
        int lastBreak = end - 1;
        while (lastBreak >= 0 && bytes[lastBreak] != '\n') {
            lastBreak--;
        }
        if (lastBreak == end - 1) {
            return;
        }
        byte[] tail = java.util.Arrays.copyOfRange(bytes, lastBreak + 1, end);
        if (JournalReader.isEvent(tail)) {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        } else {
            channel.truncate(lastBreak + 1);
        }
        channel.force(true);
    }

    public Path file() {
        return file;
    }

    /** Writes one event as one whole line; returns once it (and every event before it) is on disk. */
    public JournalEvent append(String address, String hostname, String event, String step,
                               Integer exitCode, String error) {
        return append(address, hostname, event, step, exitCode, error, null);
    }

    /** As above, with the InstanceID the host reported (an {@code installed} event), so a resume confirms it by id. */
    public JournalEvent append(String address, String hostname, String event, String step,
                               Integer exitCode, String error, String instanceId) {
        JournalEvent e = new JournalEvent(clock.instant(), address, hostname, event, step, exitCode, error, instanceId);
        writer.awaitDurable(writer.enqueue(line(e), true));
        return e;
    }

    /**
     * Queues one event behind those queued before it and returns at once; for events nothing waits on (a host
     * failed, was confirmed or protected: a crash that loses one makes {@code --resume} ask again, never install
     * twice, since the host's {@code started} and {@code installed} events were durable before).
     */
    public JournalEvent appendSoon(String address, String hostname, String event, String step,
                                   Integer exitCode, String error) {
        JournalEvent e = new JournalEvent(clock.instant(), address, hostname, event, step, exitCode, error, null);
        writer.enqueue(line(e), false);
        return e;
    }

    /** Returns once every event appended so far is on disk. */
    public void sync() {
        writer.sync();
    }

    /** Disk syncs so far: one per batch of events. */
    public long syncs() {
        return writer.batches();
    }

    private static byte[] line(JournalEvent e) {
        return (toJson(e) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static String toJson(JournalEvent e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", e.time().toString());
        node.put("address", e.address());
        node.put("hostname", e.hostname());
        node.put("event", e.event());
        node.put("step", e.step());
        if (e.exitCode() == null) {
            node.putNull("exitCode");
        } else {
            node.put("exitCode", e.exitCode());
        }
        node.put("error", e.error());
        if (e.instanceId() != null) {
            node.put("instanceId", e.instanceId());
        }
        return node.toString();
    }

    @Override
    public synchronized void close() {
        writer.close();
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // only informational
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // everything was forced already
        }
    }
}
