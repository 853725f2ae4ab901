package dev.cbagent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The stack traces of internal errors, one {@code cbagent-error-*.log} each: readable by their owner only (a trace
 * may quote paths and names worth keeping private), and only the newest {@link #KEEP} are kept.
 */
final class ErrorLogs {
    static final int KEEP = 20;
    static final String PREFIX = "cbagent-error-";

    private ErrorLogs() {
    }

    /** Writes the trace of {@code ex} into {@code dir} and prunes older ones; null when it cannot be written. */
    static Path write(Path dir, Throwable ex) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(PREFIX + System.currentTimeMillis() + "-" + ProcessHandle.current().pid() + ".log");
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            var options = new java.util.HashSet<StandardOpenOption>(List.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
            try (var channel = posix()
                    ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")))
                    : Files.newByteChannel(file, options)) {
                channel.write(java.nio.ByteBuffer.wrap(trace.toString().getBytes(StandardCharsets.UTF_8)));
            }
            prune(dir, KEEP);
            return file;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Deletes all but the newest {@code keep} error logs in {@code dir}. */
    static void prune(Path dir, int keep) throws IOException {
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(".log") && Files.isRegularFile(p);
            }).forEach(logs::add);
        }
        if (logs.size() <= keep) {
            return;
        }
        logs.sort(Comparator.comparing(ErrorLogs::modified).thenComparing(p -> p.getFileName().toString()));
        for (Path old : logs.subList(0, logs.size() - keep)) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
