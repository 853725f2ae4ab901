package dev.cbagent.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a program ended. {@code exitCode} is what the operating system reported; after a timeout it is the exit code
 * of the killed process (137 on Linux) and {@code timedOut} is true. {@code lastLines}: its last lines of output,
 * masked and printable ({@link OutputTail}).
 */
public record RunResult(int exitCode, Duration duration, Path logFile, boolean timedOut, List<String> lastLines) {

    public RunResult {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(logFile, "logFile");
        lastLines = lastLines == null ? List.of() : List.copyOf(lastLines);
    }

    public RunResult(int exitCode, Duration duration, Path logFile, boolean timedOut) {
        this(exitCode, duration, logFile, timedOut, List.of());
    }

    /** Exit code 0 and no timeout. */
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
