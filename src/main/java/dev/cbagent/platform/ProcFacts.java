package dev.cbagent.platform;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Linux facts read from {@code /proc}, with no native library: the kernel's node name (what {@code gethostname}
 * returns, and what the agent reports) and the effective user id. Files are read under a root ({@code /} on a real
 * machine, a temporary folder in tests).
 */
final class ProcFacts {
    static final Path HOSTNAME = Path.of("proc", "sys", "kernel", "hostname");
    static final Path STATUS = Path.of("proc", "self", "status");

    private final Path root;

    ProcFacts(Path root) {
        this.root = root;
    }

    /** Whether this machine has the files (a Linux kernel with /proc mounted). */
    boolean available() {
        return Files.isReadable(root.resolve(HOSTNAME)) && Files.isReadable(root.resolve(STATUS));
    }

    String hostname() {
        Path file = root.resolve(HOSTNAME);
        String name;
        try {
            name = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INTERNAL, "Cannot read this machine's name from " + file + ": " + e, e);
        }
        if (name.isEmpty()) {
            throw new CbagentException(ExitCode.INTERNAL, "Cannot read this machine's name: " + file + " is empty.");
        }
        return name;
    }

    /** The effective user id: the second number of the {@code Uid:} line (real, effective, saved, filesystem). */
    long effectiveUid() {
        Path file = root.resolve(STATUS);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INTERNAL,
                    "Cannot tell whether this process is privileged: cannot read " + file + ": " + e, e);
        }
        for (String line : lines) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring("Uid:".length()).trim().split("\\s+");
                if (ids.length >= 2 && ids[1].chars().allMatch(Character::isDigit) && !ids[1].isEmpty()) {
                    return Long.parseLong(ids[1]);
                }
                break;
            }
        }
        throw new CbagentException(ExitCode.INTERNAL,
                "Cannot tell whether this process is privileged: no effective uid in the Uid: line of " + file + ".");
    }
}
