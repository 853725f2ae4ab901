package dev.cbagent.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secret options, one per line, in a file only its owner can read (mode 0600 from the moment it exists, never
 * widened by the umask or narrowed later), so they do not show in {@code ps}. Deleted on {@link #close()}; use it
 * in try-with-resources so it goes even when the step fails. A file still open when the JVM shuts down (SIGTERM,
 * Ctrl-C) is deleted by a shutdown hook; a file left behind by a killed run (kill -9) carries that run's process id
 * in its name ({@code cbagent-options-PID-RANDOM.txt}) and is removed by {@link #sweepStale} at the next start.
 */
public final class OptionsFile implements AutoCloseable {
    static final String PREFIX = "cbagent-options-";
    private static final Pattern OURS = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})-\\d+\\.txt");
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
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
        requireOneLineEach(options);
        hookOnce();
        Path created = create(directory);
        OPEN.add(created);
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

    /**
     * The text of an options file holding {@code options}, one per line, each ending in a line break: what a fleet
     * host writes into its own 0600 file.
     */
    public static String text(List<String> options) {
        requireOneLineEach(options);
        StringBuilder text = new StringBuilder();
        options.forEach(option -> text.append(option).append('\n'));
        return text.toString();
    }

    private static void requireOneLineEach(List<String> options) {
        for (String option : options) {
            if (option.indexOf('\n') >= 0 || option.indexOf('\r') >= 0 || option.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an option in an options file cannot contain a line break or NUL");
            }
        }
    }

    private static Path create(Path directory) {
        Path dir = directory != null ? directory : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    return Files.createTempFile(dir, prefix(), ".txt",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return Files.createTempFile(dir, prefix(), ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create an options file in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String prefix() {
        return PREFIX + ProcessHandle.current().pid() + "-";
    }

    private static void hookOnce() {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(OptionsFile::deleteQuietly),
                    "cbagent-options-cleanup"));
        }
    }

    /**
     * Deletes options files in {@code directory} ({@code null}: the system temporary directory) that a cbagent
     * process left behind when it was killed: only our own kind of name, only files of this user, and only when
     * the process named in the file name is gone. Returns how many were deleted.
     */
    public static int sweepStale(Path directory) {
        Path dir = directory != null ? directory : Path.of(System.getProperty("java.io.tmpdir"));
        int deleted = 0;
        String me = System.getProperty("user.name");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*.txt")) {
            for (Path file : files) {
                Matcher m = OURS.matcher(file.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !ownedBy(file, me)) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
                    deleteQuietly(file);
                    deleted++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a temporary folder we cannot list holds nothing we could clean up
        }
        return deleted;
    }

    private static boolean ownedBy(Path file, String user) {
        try {
            return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName().equals(user);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
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
            OPEN.remove(path);
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
