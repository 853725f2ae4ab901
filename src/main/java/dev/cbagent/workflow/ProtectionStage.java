package dev.cbagent.workflow;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.Sleeper;
import dev.cbagent.api.WaitProgress;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.protect.Machine;
import dev.cbagent.protect.MachineProtection;
import dev.cbagent.protect.ProtectionReport;
import dev.cbagent.protect.ProtectionService;
import dev.cbagent.protect.ProtectionTargets;
import dev.cbagent.protect.ProtectionTimings;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The last stage of install/register: the profile's {@code protection:} section, applied to a machine whose
 * registration is confirmed. Its group and plan are looked up when the stage is prepared, before anything runs.
 */
final class ProtectionStage implements Protector<EnrolResult, EnrolResult> {
    /** No protection section: results pass through. */
    static final ProtectionStage NONE = new ProtectionStage(null, null, null, null, false);

    private final ProtectionService service;
    private final ProtectionPlan spec;
    private final ProtectionTargets targets;
    private final ApiClient api;
    private final boolean dryRun;

    private ProtectionStage(ProtectionService service, ProtectionPlan spec, ProtectionTargets targets, ApiClient api,
                            boolean dryRun) {
        this.service = service;
        this.spec = spec;
        this.targets = targets;
        this.api = api;
        this.dryRun = dryRun;
    }

    static ProtectionService standardService(ApiClient api, Consumer<String> talk, WaitProgress progress) {
        return new ProtectionService(api, Clock.systemUTC(), Sleeper.system(), ProtectionTimings.standard(), talk,
                progress);
    }

    /** Finds the group and plan; an unknown one is exit 2 here. A dry run previews instead of applying. */
    static ProtectionStage prepare(ProtectionService service, ProtectionPlan spec, ApiClient api, boolean dryRun) {
        return new ProtectionStage(service, spec, service.resolve(spec), api, dryRun);
    }

    /** A dry run of a machine that is not registered yet: what would be created, with no machine to look at. */
    EnrolResult planned(EnrolResult r) {
        if (service == null) {
            return r;
        }
        ProtectionReport report = new ProtectionReport(targets.group(), spec.group(), targets.groupMissing(),
                targets.policy(), true, List.of(), List.of());
        return with(r, r.status(), r.changed(), r.exitCode(), r.error(), report);
    }

    /**
     * Protects the machine of a confirmed registration (previews on a dry run) before returning; other results pass
     * through.
     */
    @Override
    public CompletionStage<EnrolResult> protect(EnrolResult confirmed) {
        return CompletableFuture.completedFuture(apply(confirmed));
    }

    private EnrolResult apply(EnrolResult r) {
        boolean confirmed = r.registration() != null
                && (r.exitCode() == ExitCode.OK || r.exitCode() == ExitCode.REBOOT_REQUIRED);
        if (service == null || !confirmed) {
            return r;
        }
        List<Machine> machine = List.of(new Machine(r.registration().resourceId(), r.hostname()));
        ProtectionReport report;
        try {
            report = dryRun ? service.preview(spec, targets, machine) : service.protect(spec, targets, machine);
        } catch (CbagentException e) {
            return with(r, "failed", r.changed(), e.exitCode(), e.getMessage(), null);
        }
        boolean changed = r.changed() || report.changed();
        String status = !r.status().equals("unchanged") || !report.changed() ? r.status() : dryRun ? "planned" : "updated";
        MachineProtection outcome = report.machines().get(0);
        if (outcome.failed()) {
            return with(r, "failed", changed, ExitCode.VERIFICATION_FAILED, outcome.error(), report);
        }
        return with(r, status, changed, r.exitCode(), r.error(), report);
    }

    private EnrolResult with(EnrolResult r, String status, boolean changed, ExitCode exit, String error,
                             ProtectionReport report) {
        return r.withProtection(status, changed, exit, error, api.requestCount(), report);
    }
}
