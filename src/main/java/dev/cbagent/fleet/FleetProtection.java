package dev.cbagent.fleet;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.protect.Machine;
import dev.cbagent.protect.MachineProtection;
import dev.cbagent.protect.ProtectionReport;
import dev.cbagent.protect.ProtectionService;
import dev.cbagent.protect.ProtectionTargets;
import dev.cbagent.workflow.Protector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The profiles' {@code protection:} sections in a fleet run: each distinct section's group and plan looked up once
 * before anything is installed (an unknown one is exit 2), and applied at the end to all confirmed hosts of that
 * profile in one batch (one PATCH, one application). A host's enrolment queues it once confirmed.
 */
final class FleetProtection implements Protector<HostRun, HostResult> {
    /** A profile's protection section, looked up once, with the service that applies it. */
    private record Protection(ProtectionService service, ProtectionPlan spec, ProtectionTargets targets) {
    }

    private final Function<ApiTarget, ProtectionService> protections;
    private final RunRecorder recorder;
    private final FleetProgress progress;
    private final StopSignal stop;
    private final Map<String, Protection> byKey = new LinkedHashMap<>();
    /** Confirmed hosts waiting for the batch at the end, with their stages. */
    private final Map<HostRun, CompletableFuture<HostResult>> queued = new ConcurrentHashMap<>();

    FleetProtection(Function<ApiTarget, ProtectionService> protections, RunRecorder recorder, FleetProgress progress,
                    StopSignal stop) {
        this.protections = protections;
        this.recorder = recorder;
        this.progress = progress;
        this.stop = stop;
    }

    private static String key(HostPlan plan) {
        return plan.api().key() + " " + plan.protection();
    }

    /** Looks up each distinct protection section's group and plan once, before any host is touched. */
    void resolve(List<HostRun> all) {
        for (HostRun w : all) {
            ProtectionPlan spec = w.plan.protection();
            if (spec == null || byKey.containsKey(key(w.plan))) {
                continue;
            }
            ProtectionService service = protections.apply(w.plan.api());
            ProtectionTargets targets;
            try {
                targets = service.resolve(spec);
            } catch (CbagentException e) {
                throw new CbagentException(e.exitCode() == ExitCode.INVALID_INPUT ? e.exitCode()
                        : ExitCode.SERVER_UNAVAILABLE, "protection: " + (e.exitCode() == ExitCode.INVALID_INPUT ? ""
                        : "cannot look up the group and plan before installing: ") + e.getMessage(), e);
            }
            byKey.put(key(w.plan), new Protection(service, spec, targets));
        }
    }

    /** Queues a confirmed host of a profile with a protection section for the batch at the end; others pass. */
    @Override
    public CompletionStage<HostResult> protect(HostRun confirmed) {
        if (confirmed.plan == null || confirmed.plan.protection() == null) {
            return CompletableFuture.completedFuture(confirmed.result);
        }
        return queued.computeIfAbsent(confirmed, w -> new CompletableFuture<>());
    }

    /**
     * Applies each protection section to all queued hosts of its profile at once, in the run's host order: newly
     * registered, unchanged and those confirmed in an earlier run (already protected ones change nothing). A host
     * whose protection fails becomes failed at step {@code protect}; it stays confirmed in the journal, so
     * {@code --resume} protects it again without installing.
     */
    void protectQueued(List<HostRun> all) {
        Map<String, List<HostRun>> batches = new LinkedHashMap<>();
        for (HostRun w : all) {
            if (queued.containsKey(w) && w.result != null && w.result.ok()) {
                batches.computeIfAbsent(key(w.plan), k -> new ArrayList<>()).add(w);
            }
        }
        try {
            protectBatches(batches);
        } finally {
            queued.forEach((w, stage) -> stage.complete(w.result));
        }
    }

    private void protectBatches(Map<String, List<HostRun>> batches) {
        for (Map.Entry<String, List<HostRun>> batch : batches.entrySet()) {
            Protection p = byKey.get(batch.getKey());
            if (stop.isStopped()) {
                batch.getValue().forEach(w -> failed(w, p, null, "confirmed, but not protected: the run was stopped"));
                continue;
            }
            List<HostRun> known = new ArrayList<>();
            for (HostRun w : batch.getValue()) {
                if (w.result.resourceId() == null) {
                    failed(w, p, null, "confirmed in an earlier run, but '" + w.hostname
                            + "' is no longer on the management server, so it cannot be protected");
                } else {
                    known.add(w);
                }
            }
            if (!known.isEmpty()) {
                protectBatch(p, known);
            }
        }
    }

    private void protectBatch(Protection p, List<HostRun> batch) {
        Map<String, Machine> machines = new LinkedHashMap<>();
        for (HostRun w : batch) {
            machines.putIfAbsent(w.result.resourceId(), new Machine(w.result.resourceId(), w.hostname));
        }
        progress.note("protecting " + machines.size() + " confirmed host(s) in one batch:"
                + (p.spec().hasGroup() ? " group '" + p.spec().group() + "'" : "")
                + (p.spec().hasPlan() ? " plan '" + p.spec().plan() + "'" : ""));
        ProtectionReport report;
        try {
            report = p.service().protect(p.spec(), p.targets(), List.copyOf(machines.values()));
        } catch (RuntimeException e) {
            String why = e instanceof CbagentException ? e.getMessage() : "unexpected error: " + e;
            if (stop.isStopped()) {
                Thread.interrupted(); // the waiting gave up; the journal and reports are still to be written
                why = "confirmed, but not protected: the run was stopped";
            }
            String reason = why;
            batch.forEach(w -> failed(w, p, null, reason));
            return;
        }
        report.warnings().forEach(warning -> progress.note("protection: warning: " + warning));
        for (HostRun w : batch) {
            MachineProtection m = report.machine(w.result.resourceId()).orElse(null);
            if (m == null) {
                failed(w, p, null, "the protection report does not mention resource " + w.result.resourceId());
            } else if (m.failed()) {
                failed(w, p, HostProtection.of(report, m), m.error());
            } else {
                recorder.record(w, JournalEvent.PROTECTED, HostStep.PROTECT, null, null);
                w.result = HostResults.protectedAs(w.result, HostProtection.of(report, m));
                progress.event(w.label() + ": protected" + (m.changed() ? "" : " (nothing to change)"));
            }
        }
    }

    private void failed(HostRun w, Protection p, HostProtection outcome, String error) {
        String safe = w.plan.redactor().redact(error);
        HostProtection shown = outcome != null ? outcome : HostProtection.failed(p.spec().group(), p.spec().plan(), safe);
        recorder.protectionFailed(w, safe, shown);
    }
}
