package dev.cbagent.fleet;

import dev.cbagent.platform.identity.AgentIdentity;
import dev.cbagent.text.Durations;
import dev.cbagent.verify.Registration;
import dev.cbagent.verify.ThisMachine;
import dev.cbagent.workflow.Confirmer;
import dev.cbagent.workflow.Protector;

/**
 * What a fleet host's enrolment does around its confirmation: hands the host over to the {@link Confirmer} (the
 * worker does not wait for the answer) and, when the answer comes, records the host as registered, unchanged or
 * failed at step {@code verify}, and hands a confirmed host on to its {@link Protector}.
 */
final class HostConfirmation {
    private final RunRecorder recorder;
    private final FleetProgress progress;
    private final Protector<HostRun, HostResult> protector;

    HostConfirmation(RunRecorder recorder, FleetProgress progress, Protector<HostRun, HostResult> protector) {
        this.recorder = recorder;
        this.progress = progress;
        this.protector = protector;
    }

    /** A host installed, or found with an agent identity, and not failed: confirm it through the API. */
    void handOver(HostRun w, Confirmer<HostRun> confirmer) {
        if (!(w.installed || w.confirmOnly) || w.result != null) {
            return;
        }
        if (!w.installed) {
            progress.finished(w.label(), true, "has an agent identity: to be confirmed by id", true);
        }
        awaitAnswer(w, confirmer);
    }

    /** A host the journal shows installed in an earlier run: confirm it, never install again. */
    void installedEarlier(HostRun w, AgentIdentity earlierId, Confirmer<HostRun> confirmer) {
        w.installed = true;
        progress.finished(w.label(), true, "installed in an earlier run; to be confirmed", false);
        // By the id it reported then, else (an older journal) by name.
        w.identity = earlierId;
        awaitAnswer(w, confirmer);
    }

    private void awaitAnswer(HostRun w, Confirmer<HostRun> confirmer) {
        progress.awaiting(w.label());
        confirmer.confirm(w).thenAccept(after -> answered(w, after));
    }

    private void answered(HostRun w, ThisMachine.After after) {
        if (!after.confirmed()) {
            recorder.fail(w, HostStep.VERIFY, null, "installed, but the management server did not confirm '"
                    + w.hostname + "' within " + Durations.seconds(w.plan.api().timeout()) + ": " + after.reason(),
                    false);
            return;
        }
        Registration r = after.registration();
        // A host found registered by its identity before anything ran is unchanged, unless an earlier run of this
        // journal installed it.
        boolean ours = !w.confirmOnly || w.before.phase() != ResumeState.Phase.NEW;
        recorder.record(w, ours ? JournalEvent.REGISTERED : JournalEvent.UNCHANGED, HostStep.VERIFY, null, null);
        w.result = HostResults.confirmed(w, ours, HostStep.VERIFY, null, r.resourceId());
        progress.confirmed(w.label());
        progress.event(w.label() + ": " + (ours ? "registered" : "unchanged (already registered)")
                + " as " + r.name() + " (resource " + r.resourceId() + ", by " + r.foundBy() + ")");
        protector.protect(w);
    }
}
