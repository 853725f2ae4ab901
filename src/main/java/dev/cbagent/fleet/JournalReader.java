package dev.cbagent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.io.InputFiles;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads a journal back. The last line may be torn by a crash and is then ignored; any other bad line is an error. */
public final class JournalReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A journal holds a few lines per host: 64 MB is far more than any fleet writes. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private JournalReader() {
    }

    public static List<JournalEvent> read(Path file) {
        String text;
        try {
            text = InputFiles.readString(file, MAX_BYTES);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "cannot read the journal " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    static List<JournalEvent> parse(String name, String text) {
        List<JournalEvent> events = new ArrayList<>();
        List<String> lines = text.lines().toList();
        boolean complete = text.endsWith("\n");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            boolean last = i == lines.size() - 1;
            try {
                events.add(event(line));
            } catch (IllegalArgumentException | IOException e) {
                if (last && !complete) {
                    break; // torn by a crash while it was written
                }
                throw new CbagentException(ExitCode.INVALID_INPUT, name + ":" + (i + 1)
                        + ": error: not a journal event (" + e.getMessage() + ")");
            }
        }
        return events;
    }

    private static JournalEvent event(String line) throws IOException {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String event = text(node, "event");
        String address = text(node, "address");
        if (event == null || !JournalEvent.EVENTS.contains(event) || address == null || text(node, "time") == null) {
            throw new IllegalArgumentException("needs time, address and a known event");
        }
        Integer exit = node.hasNonNull("exitCode") ? node.get("exitCode").asInt() : null;
        return new JournalEvent(Instant.parse(text(node, "time")), address, text(node, "hostname"), event,
                text(node, "step"), exit, text(node, "error"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
