package dev.cbagent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.io.InputFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a journal back. The last line may be torn by a crash (cut anywhere, even inside a UTF-8 character): it is
 * then ignored with a warning. Any other bad line is an error naming its line.
 */
public final class JournalReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A journal holds a few lines per host: 64 MB is far more than any fleet writes. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private JournalReader() {
    }

    public static List<JournalEvent> read(Path file) {
        return read(file, warning -> { });
    }

    /** The events of {@code file}; {@code warnings} hears about a torn last line. */
    public static List<JournalEvent> read(Path file, Consumer<String> warnings) {
        byte[] bytes;
        try {
            bytes = InputFiles.readAllBytes(file, MAX_BYTES);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "cannot read the journal " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes, warnings);
    }

    static List<JournalEvent> parse(String name, String text) {
        return parse(name, text.getBytes(StandardCharsets.UTF_8), warning -> { });
    }

    static List<JournalEvent> parse(String name, byte[] bytes, Consumer<String> warnings) {
        List<JournalEvent> events = new ArrayList<>();
        int start = 0;
        int line = 0;
        while (start < bytes.length) {
            line++;
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            boolean complete = end < bytes.length;
            byte[] raw = Arrays.copyOfRange(bytes, start, end);
            start = end + 1;
            String text;
            try {
                text = decode(raw);
            } catch (CharacterCodingException e) {
                if (!complete) {
                    warnings.accept(torn(name, line, raw.length));
                    break;
                }
                throw new CbagentException(ExitCode.INVALID_INPUT, name + ":" + line
                        + ": error: not a journal event (not UTF-8 text)");
            }
            if (text.isBlank()) {
                continue;
            }
            try {
                events.add(event(text));
            } catch (IllegalArgumentException | IOException e) {
                if (!complete) {
                    warnings.accept(torn(name, line, raw.length));
                    break;
                }
                throw new CbagentException(ExitCode.INVALID_INPUT, name + ":" + line
                        + ": error: not a journal event (" + firstLine(e.getMessage()) + ")");
            }
        }
        return events;
    }

    private static String torn(String name, int line, int bytes) {
        return "cbagent: warning: " + name + ":" + line + ": ignoring a torn last line (" + bytes + " bytes without "
                + "a line break: the run that wrote it was killed while writing it)";
    }

    /** Whether {@code line} (without its line break) is a complete journal event. */
    static boolean isEvent(byte[] line) {
        try {
            event(decode(line));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    private static String decode(byte[] raw) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
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
        try {
            return new JournalEvent(Instant.parse(text(node, "time")), address, text(node, "hostname"), event,
                    text(node, "step"), exit, text(node, "error"), text(node, "instanceId"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 instant");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
