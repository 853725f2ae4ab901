package dev.cbagent.fleet;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.verify.Registration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a resumed run takes from its journal: hosts the journal shows confirmed are left alone (reported as the
 * journal says); those among them with a protection section get their resource id by name in one batched query
 * per server, so they can still be protected.
 */
final class JournalResume {
    private final ConfirmationRounds rounds;
    private final RunRecorder recorder;
    private final FleetProgress progress;

    JournalResume(ConfirmationRounds rounds, RunRecorder recorder, FleetProgress progress) {
        this.rounds = rounds;
        this.recorder = recorder;
        this.progress = progress;
    }

    void confirmedEarlier(List<HostRun> all) {
        for (HostRun w : all) {
            if (w.before.phase() == ResumeState.Phase.CONFIRMED) {
                JournalEvent e = w.before.confirmation();
                w.result = HostResults.fromJournal(w, e);
                progress.finished(w.label(), true, "already " + e.event() + " (journal)", false);
            }
        }
    }

    /**
     * Every other host is decided by its own agent identity when it is connected ({@link HostEnrolment}): a name on
     * the server proves nothing about the machine behind it (a stale record, a template's name, a clone).
     */
    void resourceIds(List<HostRun> all) {
        Map<String, List<HostRun>> groups = byTarget(all.stream().filter(w -> w.hostname != null
                && w.before.phase() == ResumeState.Phase.CONFIRMED && w.plan.protection() != null).toList());
        for (List<HostRun> group : groups.values()) {
            ApiTarget target = group.get(0).plan.api();
            Map<String, Registration> found;
            try {
                found = rounds.verifier(target).checkOnce(group.stream().map(w -> w.hostname).distinct().toList(),
                        target.requireOnline());
            } catch (CbagentException e) {
                throw new CbagentException(e.exitCode() == ExitCode.INVALID_INPUT ? e.exitCode()
                        : ExitCode.SERVER_UNAVAILABLE, "cannot check the hosts' registrations before installing: "
                        + e.getMessage(), e);
            }
            for (HostRun w : group) {
                Registration r = found.get(w.hostname);
                if (r == null) {
                    continue;
                }
                if (w.result != null) {
                    w.result = HostResults.withResource(w.result, r.resourceId());
                    continue;
                }
                boolean ours = w.before.phase() != ResumeState.Phase.NEW;
                recorder.record(w, ours ? JournalEvent.REGISTERED : JournalEvent.UNCHANGED, HostStep.VERIFY, null, null);
                w.result = HostResults.confirmed(w, ours, HostStep.VERIFY, null, r.resourceId());
                progress.finished(w.label(), true, ours ? "registered (confirmed, not installed again)"
                        : "unchanged (already registered)", false);
            }
        }
    }

    private static Map<String, List<HostRun>> byTarget(List<HostRun> work) {
        Map<String, List<HostRun>> groups = new LinkedHashMap<>();
        for (HostRun w : work) {
            groups.computeIfAbsent(w.plan.api().key(), k -> new ArrayList<>()).add(w);
        }
        return groups;
    }
}
