package dev.cbagent.exec;

import dev.cbagent.error.ExitCode;

import java.util.List;

/**
 * A step that could not be run to an exit code: the machine could not be reached or prepared, the installer could
 * not be copied or started, or the identity reset before it failed. The message is free of secrets.
 */
public class StepFailure extends Exception {
    private final String step;
    private final Integer exitCode;
    private final String output;
    private final ExitCode exit;
    private final boolean changed;
    private final List<StepOutcome> outcomes;

    /**
     * @param step     where it failed ({@code connect}, {@code prepare}, {@code upload}, {@code identity}, ...)
     * @param exitCode the exit code of a tool that ran, else null
     * @param output   what that tool printed, else null
     * @param exit     how cbagent ends because of it
     * @param changed  whether the machine was changed before it failed
     * @param outcomes the steps that ran before it failed
     */
    public StepFailure(String step, Integer exitCode, String message, String output, ExitCode exit, boolean changed,
                       List<StepOutcome> outcomes, Throwable cause) {
        super(message, cause);
        this.step = step;
        this.exitCode = exitCode;
        this.output = output;
        this.exit = exit;
        this.changed = changed;
        this.outcomes = List.copyOf(outcomes);
    }

    public String step() {
        return step;
    }

    public Integer exitCode() {
        return exitCode;
    }

    /** What the tool printed before it failed; null when none ran. */
    public String output() {
        return output;
    }

    public ExitCode exit() {
        return exit;
    }

    public boolean changed() {
        return changed;
    }

    public List<StepOutcome> outcomes() {
        return outcomes;
    }
}
