package dev.cbagent.fleet;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks, before any host is touched, that the files a run will write can be written: each one's folder exists and
 * takes a new file (tried for real, so root's and ACLs' answers count), and an existing file is a regular, writable
 * file. Two options naming one file are refused too. Every problem is exit 2 with one line.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /** @param files option name ({@code --report}) to its path; null paths are skipped */
    static void check(Map<String, Path> files) {
        Map<Path, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            Path file = e.getValue();
            if (file == null) {
                continue;
            }
            String option = e.getKey();
            Path normal = file.toAbsolutePath().normalize();
            String other = seen.putIfAbsent(normal, option);
            if (other != null) {
                throw bad(option + " and " + other + " name the same file " + file);
            }
            checkOne(option, file);
        }
    }

    private static void checkOne(String option, Path file) {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw bad(option + " " + file + " is a folder, not a file");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw bad(option + " " + file + ": cannot write there: " + (dir != null && Files.exists(dir)
                    ? dir + " is not a folder" : "no such folder " + dir));
        }
        if (Files.exists(absolute) && (!Files.isRegularFile(absolute) || !Files.isWritable(absolute))) {
            throw bad(option + " " + file + ": cannot write there: " + (Files.isRegularFile(absolute)
                    ? "permission denied" : "not a regular file"));
        }
        try {
            Path probe = Files.createTempFile(dir, "." + absolute.getFileName(), ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw bad(option + " " + file + ": cannot write there: " + (e instanceof java.nio.file.AccessDeniedException
                    ? "permission denied in " + dir : e.getMessage()));
        }
    }

    private static CbagentException bad(String message) {
        return new CbagentException(ExitCode.INVALID_INPUT, message + " (nothing was done)");
    }
}
