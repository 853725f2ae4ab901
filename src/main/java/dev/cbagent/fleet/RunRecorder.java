package dev.cbagent.fleet;

/**
 * Writes what happens to the hosts of a run into the journal, and a host's failure into its result and the progress
 * display. A {@code started} event is on disk before the host is connected to (so a crash never hides a host that
 * may be installing); the others go with the journal's next batch ({@link Journal#appendSoon}).
 */
final class RunRecorder {
    private final Journal journal;
    private final FleetProgress progress;

    /** @param journal null: no journal */
    RunRecorder(Journal journal, FleetProgress progress) {
        this.journal = journal;
        this.progress = progress;
    }

    void record(HostRun w, String event, HostStep step, Integer exitCode, String error) {
        if (journal == null) {
            return;
        }
        if (JournalEvent.STARTED.equals(event)) {
            journal.append(w.label(), w.hostname, event, step.word(), exitCode, error);
        } else {
            journal.appendSoon(w.label(), w.hostname, event, step.word(), exitCode, error);
        }
    }

    /** The host's install ended; its reported agent InstanceID goes along, so a resumed run confirms it by id. */
    void installed(HostRun w, int exitCode, String instanceId) {
        if (journal != null) {
            journal.append(w.label(), w.hostname, JournalEvent.INSTALLED, HostStep.INSTALL.word(), exitCode, null,
                    instanceId);
        }
    }

    /** The host failed at {@code step}: journal, result and progress say so, masked. */
    void fail(HostRun w, HostStep step, Integer exitCode, String error, boolean wasRunning) {
        String safe = w.plan.redactor().redact(error);
        record(w, JournalEvent.FAILED, step, exitCode, safe);
        w.result = HostResults.failed(w, step, exitCode, safe);
        String what = "failed at " + step.word() + (exitCode == null ? "" : " (exit " + exitCode + ")") + ": " + safe;
        if (w.installed) {
            progress.unconfirmed(w.label(), what);
        } else {
            progress.finished(w.label(), false, what, wasRunning);
        }
    }

    /** A confirmed host's protection failed. */
    void protectionFailed(HostRun w, String error, HostProtection shown) {
        record(w, JournalEvent.FAILED, HostStep.PROTECT, null, error);
        w.result = HostResults.protectionFailed(w.result, error, shown);
        progress.unconfirmed(w.label(), "failed at protect: " + error);
    }

    /** The reports written next never claim more than the journal holds. */
    void sync() {
        if (journal != null) {
            journal.sync();
        }
    }

    /** How to go on after a stop, or "" without a journal. */
    String resumeHint() {
        return journal == null ? "" : "; continue with --resume --journal " + journal.file();
    }
}
