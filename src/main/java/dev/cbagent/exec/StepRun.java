package dev.cbagent.exec;

import dev.cbagent.platform.identity.LocalAgent;

import java.util.List;

/**
 * What {@link Runner.Session#run} did.
 *
 * @param outcomes the steps that ran, in order: the agent service restart of an identity reset (if any), then the
 *                 step itself, last
 * @param identity the machine's agent identity read back after the step
 * @param output   what the step printed, masked; null when it is only in the step's log file
 */
public record StepRun(List<StepOutcome> outcomes, LocalAgent identity, String output) {
    public StepRun {
        outcomes = List.copyOf(outcomes);
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("a step run has at least the step's own outcome");
        }
    }

    /** The step's own outcome. */
    public StepOutcome outcome() {
        return outcomes.get(outcomes.size() - 1);
    }
}
