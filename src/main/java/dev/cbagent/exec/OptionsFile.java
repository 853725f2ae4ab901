package dev.cbagent.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Secret options, one per line, in a file only its owner can read (mode 0600 from the moment it exists, never
 * widened by the umask or narrowed later), so they do not show in {@code ps}. Deleted on {@link #close()}; use it
 * in try-with-resources so it goes even when the step fails.
 */
public final class OptionsFile implements AutoCloseable {
    private final Path path;
    private boolean closed;

    private OptionsFile(Path path) {
        this.path = path;
    }

    /** Writes {@code options} into a new file in the system temporary directory. */
    public static OptionsFile write(List<String> options) {
        return write(null, options);
    }

    /**
     * Writes {@code options} into a new file in {@code directory} ({@code null}: the system temporary directory).
     * An option may not contain a line break: it would become two options.
     */
    public static OptionsFile write(Path directory, List<String> options) {
        for (String option : options) {
            if (option.indexOf('\n') >= 0 || option.indexOf('\r') >= 0 || option.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an option in an options file cannot contain a line break or NUL");
            }
        }
        Path created = create(directory);
        try {
            Files.write(created, options, StandardCharsets.UTF_8);
        } catch (IOException e) {
            deleteQuietly(created);
            throw new UncheckedIOException("Cannot write the options file " + created + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(created);
            throw e;
        }
        return new OptionsFile(created);
    }

    private static Path create(Path directory) {
        Path dir = directory != null ? directory : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return Files.createTempFile(dir, "cbagent-options-", ".txt",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return Files.createTempFile(dir, "cbagent-options-", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create an options file in " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** Deletes the file; safe to call more than once. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            deleteQuietly(path);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing better to do; the file is owner-only
        }
    }
}
