package dev.cbagent.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.io.InputFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * The append-only journal: one JSON object a line, written and fsync'd before {@link #append} returns, so a crash
 * at any moment leaves every event that was reported as done. Thread-safe.
 */
public final class Journal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final FileChannel channel;
    private final Clock clock;

    private Journal(Path file, FileChannel channel, Clock clock) {
        this.file = file;
        this.channel = channel;
        this.clock = clock;
    }

    /** Opens {@code file} for appending (creating it); a torn last line (no newline) is cut off first. */
    public static Journal open(Path file, Clock clock) {
        try {
            if (Files.exists(file)) {
                InputFiles.checkRegular(file, JournalReader.MAX_BYTES);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            cutTornTail(channel);
            channel.position(channel.size());
            return new Journal(file, channel, clock);
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "cannot open the journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static void cutTornTail(FileChannel channel) throws IOException {
        long size = channel.size();
        long keep = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (keep > 0) {
            one.clear();
            channel.read(one, keep - 1);
            if (one.get(0) == '\n') {
                break;
            }
            keep--;
        }
        if (keep < size) {
            channel.truncate(keep);
            channel.force(true);
        }
    }

    public Path file() {
        return file;
    }

    /** Writes one event now; returns once it is on disk. */
    public synchronized JournalEvent append(String address, String hostname, String event, String step,
                                            Integer exitCode, String error) {
        JournalEvent e = new JournalEvent(clock.instant(), address, hostname, event, step, exitCode, error);
        byte[] line = (toJson(e) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException ex) {
            throw new CbagentException(ExitCode.INTERNAL, "cannot write the journal " + file + ": " + ex.getMessage(), ex);
        }
        return e;
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
        return node.toString();
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // everything was forced already
        }
    }
}
