package dev.cbagent.exec;

import dev.cbagent.error.Redactor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.function.Consumer;

/**
 * The log file of one step: whole lines in, every secret masked, appended and flushed line by line, and optionally
 * echoed. Both output streams of the program write here, so lines are serialised.
 */
final class RedactingLog implements AutoCloseable {
    private final BufferedWriter writer;
    private final Redactor redactor;
    private final Consumer<String> echo;
    private final OutputTail tail = new OutputTail();
    private boolean closed;
    private IOException failure;

    private RedactingLog(BufferedWriter writer, Redactor redactor, Consumer<String> echo) {
        this.writer = writer;
        this.redactor = redactor;
        this.echo = echo;
    }

    /** Opens (appending) or creates the file, readable by its owner only when the file system knows modes. */
    static RedactingLog open(Path file, Redactor redactor, Consumer<String> echo) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        var options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        var channel = posix()
                ? Files.newByteChannel(file, options, ownerOnly())
                : Files.newByteChannel(file, options);
        var writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
        return new RedactingLog(writer, redactor, echo);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }

    /** The text with every secret of this log masked, for messages about the step. */
    String redactForMessage(String text) {
        return redactor.redact(text);
    }

    /**
     * One line of the program's output. Carriage returns (progress output) become line breaks only after the whole
     * line was redacted, so a secret written in two halves around a {@code \r} is masked as a whole.
     */
    synchronized void line(String text) {
        String safe = redactor.redact(text);
        if (closed) {
            return;
        }
        for (String part : safe.split("\r")) {
            if (part.isEmpty() && safe.indexOf('\r') >= 0) {
                continue;
            }
            try {
                writer.write(part);
                writer.newLine();
                writer.flush();
            } catch (IOException e) {
                failure = e;
            }
            tail.add(part);
            if (echo != null) {
                echo.accept(part);
            }
        }
    }

    /** The program's last lines, masked and printable. */
    java.util.List<String> lastLines() {
        return tail.lines();
    }

    /** A line of our own (command, result), marked so it cannot be mistaken for the program's output. */
    synchronized void note(String text) {
        if (closed) {
            return;
        }
        try {
            writer.write("# cbagent: " + redactor.redact(text));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }
}
