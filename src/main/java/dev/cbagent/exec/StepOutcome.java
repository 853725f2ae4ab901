package dev.cbagent.exec;

import java.nio.file.Path;
import java.time.Duration;

/** How one plan step ended: its exit code, whether it asked for a reboot or ran out of time, and its log. */
public record StepOutcome(String name, int exitCode, Duration duration, Path logFile, boolean timedOut,
                          boolean rebootRequired) {

    public boolean succeeded() {
        return !timedOut && (exitCode == 0 || rebootRequired);
    }
}
