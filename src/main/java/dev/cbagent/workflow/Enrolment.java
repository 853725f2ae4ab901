package dev.cbagent.workflow;

import dev.cbagent.exec.Runner;
import dev.cbagent.exec.StepFailure;
import dev.cbagent.exec.StepOutcome;
import dev.cbagent.exec.StepRun;
import dev.cbagent.plan.Step;
import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.verify.ThisMachine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The part of an enrolment that this machine and every fleet host share, over any {@link Runner}: the pre-check
 * (what the server says of the identity the machine holds, or of its name when that cannot be read), the one
 * {@link Decision} table, and the steps, the first one after an identity reset when the table says so. What follows
 * goes through a {@link Confirmer} and a {@link Protector}, which differ only in how the API is asked: at once on
 * this machine, in shared batched rounds and one protection batch at the end in a fleet, so a fleet worker never
 * holds its parallel slot while the confirmation runs.
 */
public final class Enrolment {
    private Enrolment() {
    }

    /** What the management server says of a machine before any step. */
    public interface Server {
        /**
         * By the machine's InstanceID when it holds one; by its name when its identity cannot be read; nothing to ask
         * when no agent or no identity is there.
         */
        ThisMachine.Before before(LocalAgent local);
    }

    /**
     * The machine as the pre-check found it.
     *
     * @param server the server's verdict; null when there is no API to ask ({@code --no-verify})
     */
    public record Prechecked(LocalAgent local, ThisMachine.Before server, Decision decision) {
        /** Whether the steps start by clearing a cloned identity and restarting the agent service. */
        public boolean resetFirst() {
            return decision == Decision.RESET_AND_RUN;
        }
    }

    /** The answer of a stage that this machine's {@link Confirmer} or {@link Protector} completed before returning. */
    static <T> T now(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /** @param server null: no API to ask; the steps run */
    public static Prechecked precheck(LocalAgent local, Server server, Decision.Intent intent) {
        if (server == null) {
            return new Prechecked(local, null, Decision.RUN);
        }
        ThisMachine.Before before = server.before(local);
        return new Prechecked(local, before, Decision.of(before, local, intent));
    }

    /**
     * The steps that ran.
     *
     * @param outcomes every step that ran, in order, the agent service restart of a reset included
     * @param last     the last step's run (with the identity read back after it); null when none ran
     * @param failure  a step that could not be started, or the reset before it that failed; null when none
     */
    public record Steps(List<StepOutcome> outcomes, StepRun last, StepFailure failure) {
        public Steps {
            outcomes = List.copyOf(outcomes);
        }

        /** Every step ran and succeeded (exit 0 or one of its reboot codes). */
        public boolean succeeded() {
            return failure == null && (last == null || last.outcome().succeeded());
        }
    }

    /** Runs the steps in order until one does not succeed; the first one after the reset when {@code resetFirst}. */
    public static Steps run(Runner.Session session, List<Step> steps, boolean resetFirst) throws InterruptedException {
        List<StepOutcome> outcomes = new ArrayList<>();
        StepRun last = null;
        boolean reset = resetFirst;
        for (Step step : steps) {
            try {
                last = session.run(step, reset);
            } catch (StepFailure e) {
                outcomes.addAll(e.outcomes());
                return new Steps(outcomes, last, e);
            }
            reset = false;
            outcomes.addAll(last.outcomes());
            if (!last.outcome().succeeded()) {
                break;
            }
        }
        return new Steps(outcomes, last, null);
    }
}
