package dev.cbagent.workflow;

import dev.cbagent.verify.ThisMachine;

import java.util.concurrent.CompletionStage;

/**
 * The enrolment's confirmation through the API, after the steps or instead of them (a machine registered already).
 * On one machine it asks at once ({@link ThisMachine#confirm}) and the stage is complete when it returns; in a fleet
 * the host joins the shared batched rounds, so the worker that hands it over takes its next host at once and the
 * stage completes on the confirming thread.
 *
 * @param <M> the machine to confirm
 */
@FunctionalInterface
public interface Confirmer<M> {
    /** The server's answer: a registration, or why there is none (a timeout, a conflict, an unreachable server). */
    CompletionStage<ThisMachine.After> confirm(M machine);
}
