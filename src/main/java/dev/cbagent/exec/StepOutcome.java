package dev.cbagent.exec;

import dev.cbagent.plan.Step;

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

    /** The outcome of {@code step} ending with {@code exitCode}: its reboot exit codes count as success. */
    public static StepOutcome of(Step step, int exitCode, Duration duration, Path logFile, boolean timedOut,
                                 List<String> lastLines) {
        return new StepOutcome(step.name(), exitCode, duration, logFile, timedOut, rebootRequired(step, exitCode, timedOut),
                lastLines);
    }

    /** Whether a step that ended with {@code exitCode} succeeded but asks for a reboot (Windows 3010, 1641, 6452541). */
    public static boolean rebootRequired(Step step, int exitCode, boolean timedOut) {
        return !timedOut && exitCode != 0 && step.rebootExitCodes().contains(exitCode);
    }

    public boolean succeeded() {
        return !timedOut && (exitCode == 0 || rebootRequired);
    }
}
