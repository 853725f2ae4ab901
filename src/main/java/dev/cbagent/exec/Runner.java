package dev.cbagent.exec;

import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.plan.Step;

import java.time.Instant;

/**
 * Where an enrolment's steps run: this machine ({@link LocalRunner}), or a fleet host over SSH with POSIX sh or with
 * PowerShell. Every runner keeps the same step semantics: the step's argv as planned (no shell of ours in between),
 * its secret options in an owner-only options file (never on a command line), a timeout that stops the step with
 * every process it started, the step's reboot exit codes read as success with {@code rebootRequired}, its output
 * masked, and the machine's agent identity read before the first step and again after each one.
 */
public interface Runner {
    /** How the steps reach the machine: {@code local}, {@code ssh+sh} or {@code ssh+powershell}. */
    String route();

    /**
     * Opens the machine for one enrolment and reads its agent identity.
     *
     * @param deadline when the whole session must be over; null: only each step's own timeout applies
     */
    Session open(Instant deadline, Listener listener) throws StepFailure, InterruptedException;

    /** Hears what a runner does besides running steps, for progress and the journal. */
    interface Listener {
        Listener NONE = new Listener() {
        };

        /** A step is about to start. */
        default void running(Step step) {
        }

        /** The installer was copied to the machine, or {@code skipped} because the same file is there. */
        default void uploaded(boolean skipped) {
        }
    }

    /** One machine, opened: its identity before anything ran, then the steps. Close it to end without a step. */
    interface Session extends AutoCloseable {
        /** The agent identity the machine held when the session was opened. */
        LocalAgent identity();

        /**
         * Runs {@code step}; with {@code resetIdentityFirst}, first clears a cloned agent identity and restarts the
         * agent service (the plan's identity policy). A step that ran and failed or timed out is an outcome, not an
         * exception.
         *
         * @throws StepFailure the step could not be started, or the reset before it failed
         */
        StepRun run(Step step, boolean resetIdentityFirst) throws StepFailure, InterruptedException;

        @Override
        void close();
    }
}
