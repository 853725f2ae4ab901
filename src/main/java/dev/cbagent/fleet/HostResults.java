package dev.cbagent.fleet;

/** Every {@link HostResult} a fleet run reports is made here, from the host's run. */
final class HostResults {
    private HostResults() {
    }

    /** Confirmed by the API: {@code registered} when this run (or the run it resumes) installed it, else unchanged. */
    static HostResult confirmed(HostRun w, boolean ours, HostStep step, Integer exitCode, String resourceId) {
        return new HostResult(w.label(), w.hostname, ours ? HostResult.Status.REGISTERED : HostResult.Status.UNCHANGED,
                ours, step.word(), exitCode, null, resourceId, w.elapsedMs());
    }

    /** Confirmed in an earlier run, as its journal says ({@code registered} or {@code unchanged}). */
    static HostResult fromJournal(HostRun w, JournalEvent confirmation) {
        boolean registered = JournalEvent.REGISTERED.equals(confirmation.event());
        return new HostResult(w.label(), w.hostname, registered ? HostResult.Status.REGISTERED
                : HostResult.Status.UNCHANGED, registered, confirmation.step(), confirmation.exitCode(), null, null, 0);
    }

    static HostResult failed(HostRun w, HostStep step, Integer exitCode, String error) {
        // The host changed once its installer ran (even if it then failed) or its cloned identity was cleared.
        boolean changed = w.installed || w.resetFrom != null || step == HostStep.INSTALL;
        return new HostResult(w.label(), w.hostname, HostResult.Status.FAILED, changed, step.word(), exitCode,
                w.plan.redactor().redact(error), null, w.elapsedMs());
    }

    static HostResult notStarted(HostRun w) {
        return failed(w, HostStep.START, null, "not started: the run was stopped");
    }

    /** A stopped run's host that is installed (now or earlier) but not confirmed yet: --resume only confirms it. */
    static HostResult installedNotConfirmed(HostRun w) {
        return new HostResult(w.label(), w.hostname, HostResult.Status.INSTALLED, true, HostStep.VERIFY.word(), null,
                "installed, not confirmed yet: the run was stopped (--resume confirms it without installing again)",
                null, w.elapsedMs());
    }

    static HostResult withResource(HostResult r, String resourceId) {
        return new HostResult(r.address(), r.hostname(), r.status(), r.changed(), r.step(), r.exitCode(), r.error(),
                resourceId, r.durationMs());
    }

    /** Protected as its profile says: the result stays what it was, with what protection did. */
    static HostResult protectedAs(HostResult r, HostProtection protection) {
        return new HostResult(r.address(), r.hostname(), r.status(), r.changed(), r.step(), r.exitCode(), r.error(),
                r.resourceId(), r.durationMs(), protection);
    }

    /** Confirmed, but its protection failed. */
    static HostResult protectionFailed(HostResult r, String error, HostProtection protection) {
        return new HostResult(r.address(), r.hostname(), HostResult.Status.FAILED, r.changed(), HostStep.PROTECT.word(),
                null, error, r.resourceId(), r.durationMs(), protection);
    }

    /** The result as reported at the end: whether a reboot is pending, and how the host was reached. */
    static HostResult finished(HostRun w) {
        return w.result.withReboot(w.rebootRequired, w.plan == null ? null : w.plan.shell().route());
    }

    static boolean notStarted(HostResult r) {
        return HostStep.START.word().equals(r.step());
    }
}
