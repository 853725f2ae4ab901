package dev.cbagent.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How one plan step ended: its exit code, whether it asked for a reboot or ran out of time, its log, and its last
 * lines of output (masked, printable).
 */
public record StepOutcome(String name, int exitCode, Duration duration, Path logFile, boolean timedOut,
                          boolean rebootRequired, List<String> lastLines) {

    public StepOutcome {
        lastLines = lastLines == null ? List.of() : List.copyOf(lastLines);
    }

    public boolean succeeded() {
        return !timedOut && (exitCode == 0 || rebootRequired);
    }
}
