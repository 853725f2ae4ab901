package dev.cbagent.exec;

import dev.cbagent.error.ExitCode;
import dev.cbagent.error.Redactor;
import dev.cbagent.plan.Step;
import dev.cbagent.platform.identity.IdentityStore;
import dev.cbagent.platform.identity.LocalAgent;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the steps on this machine with Commons Exec ({@link PlanExecutor}: options file, per-step log, timeout that
 * kills the process tree); the agent identity is this machine's own ({@link IdentityStore}).
 */
public final class LocalRunner implements Runner {
    private final PlanExecutor executor;
    private final IdentityStore store;
    private final Redactor redactor;
    private final List<Step> restart;

    /**
     * @param redactor every secret of the plan, masked in the logs
     * @param restart  the agent service restart an identity reset runs (the plan's identity policy)
     */
    public LocalRunner(PlanExecutor executor, IdentityStore store, Redactor redactor, List<Step> restart) {
        this.executor = executor;
        this.store = store;
        this.redactor = redactor == null ? Redactor.none() : redactor;
        this.restart = List.copyOf(restart);
    }

    @Override
    public String route() {
        return "local";
    }

    @Override
    public Session open(Instant deadline, Listener listener) {
        LocalAgent before = store.read();
        return new Session() {
            @Override
            public LocalAgent identity() {
                return before;
            }

            @Override
            public StepRun run(Step step, boolean resetIdentityFirst) throws StepFailure {
                List<StepOutcome> outcomes = new ArrayList<>();
                if (resetIdentityFirst) {
                    reset(before, outcomes, listener);
                }
                listener.running(step);
                outcomes.add(executor.run(step, redactor));
                return new StepRun(outcomes, store.read(), null);
            }

            @Override
            public void close() {
                // nothing to end: the steps ran as child processes of this one
            }
        };
    }

    /** Clears a cloned identity and restarts the agent service; registering with the original's id would take its record over. */
    private void reset(LocalAgent cloned, List<StepOutcome> outcomes, Listener listener) throws StepFailure {
        try {
            store.clear();
        } catch (IOException | RuntimeException e) {
            throw new StepFailure("identity", null, "cannot clear the cloned agent identity: " + e.getMessage(), null,
                    ExitCode.REGISTER_TOOL_FAILED, false, outcomes, e);
        }
        LocalAgent cleared = store.read();
        if (cleared.known().filter(id -> id.sameInstance(cloned.identity().instanceId())).isPresent()) {
            throw new StepFailure("identity", null, "could not clear the cloned agent identity in " + cleared.source()
                    + " (InstanceID " + cloned.identity().instanceId() + " is still there); nothing was registered", null,
                    ExitCode.IDENTITY_CONFLICT, false, outcomes, null);
        }
        for (Step step : restart) {
            listener.running(step);
            StepOutcome outcome = executor.run(step, redactor);
            outcomes.add(outcome);
            if (!outcome.succeeded()) {
                throw new StepFailure("restart", outcome.exitCode(), "the agent service restart ("
                        + String.join(" ", step.argv().display()) + ") failed with exit code " + outcome.exitCode()
                        + " (log: " + outcome.logFile() + ")" + OutputTail.quoted(outcome.lastLines()), null,
                        ExitCode.REGISTER_TOOL_FAILED, true, outcomes, null);
            }
        }
    }
}
