package dev.cbagent.workflow;

import java.util.concurrent.CompletionStage;

/**
 * The enrolment's last part: the profile's {@code protection:} section applied to a machine whose registration is
 * confirmed. On one machine it is applied at once and the stage is complete when {@link #protect} returns; in a
 * fleet the host is queued and its stage completes when the run's one batch per section (one PATCH, one
 * application) has run at the end.
 *
 * @param <M> the confirmed machine
 * @param <R> its result, with the protection's outcome
 */
@FunctionalInterface
public interface Protector<M, R> {
    CompletionStage<R> protect(M confirmed);
}
