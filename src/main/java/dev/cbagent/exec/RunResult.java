package dev.cbagent.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a program ended. {@code exitCode} is what the operating system reported; after a timeout it is the exit code
 * of the killed process (137 on Linux) and {@code timedOut} is true.
 */
public record RunResult(int exitCode, Duration duration, Path logFile, boolean timedOut) {

    public RunResult {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(logFile, "logFile");
    }

    /** Exit code 0 and no timeout. */
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
