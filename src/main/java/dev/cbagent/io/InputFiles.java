package dev.cbagent.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the files a user names (profiles, bases, host lists, journals, CA bundles, known_hosts, secret files):
 * only regular files (a FIFO or a device would block or never end) and only up to a size limit, so a wrong path
 * ends in one sentence instead of a hang or an out-of-memory error. Problems are {@link IOException}s whose
 * message is that sentence; a missing file stays a {@link NoSuchFileException}.
 */
public final class InputFiles {
    /** Profiles, host lists, journals, known_hosts, CA bundles: far larger than any real one. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;

    private InputFiles() {
    }

    /** A refused file: not regular, or too large. The message says which, never what the file holds. */
    public static final class RefusedFileException extends IOException {
        public RefusedFileException(String message) {
            super(message);
        }
    }

    public static String readString(Path file) throws IOException {
        return readString(file, MAX_BYTES);
    }

    /** The file as UTF-8 text (malformed bytes are replaced, never echoed). */
    public static String readString(Path file, long maxBytes) throws IOException {
        return new String(readAllBytes(file, maxBytes), StandardCharsets.UTF_8);
    }

    public static byte[] readAllBytes(Path file) throws IOException {
        return readAllBytes(file, MAX_BYTES);
    }

    public static byte[] readAllBytes(Path file, long maxBytes) throws IOException {
        checkRegular(file, maxBytes);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        }
    }

    /** Throws unless {@code file} is a regular file (links followed) of at most {@code maxBytes}. */
    public static void checkRegular(Path file, long maxBytes) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isDirectory()) {
            throw new RefusedFileException("is a directory, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw new RefusedFileException("is not a regular file (a pipe, socket or device); name a plain file");
        }
        if (attributes.size() > maxBytes) {
            throw tooLarge(maxBytes);
        }
    }

    private static RefusedFileException tooLarge(long maxBytes) {
        return new RefusedFileException("is larger than " + describe(maxBytes) + ", too large for this kind of file");
    }

    static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }
}
