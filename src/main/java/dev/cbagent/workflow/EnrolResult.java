package dev.cbagent.workflow;

import dev.cbagent.error.ExitCode;
import dev.cbagent.exec.StepOutcome;
import dev.cbagent.plan.Plan;
import dev.cbagent.protect.ProtectionReport;
import dev.cbagent.verify.Registration;

import java.util.List;

/**
 * The outcome of install, register or unregister, as reported in text and JSON.
 *
 * @param status       registered, unchanged, updated (already registered; only its protection changed), planned,
 *                     unregistered, done (ran, not verified), conflict (exit 8) or failed
 * @param registration what the API confirmed; null when not verified or not found
 * @param error        one sentence when {@code exitCode} is not OK or REBOOT_REQUIRED
 * @param existingInstallation where an agent was found installed on this machine before acting, or null
 * @param protection   what the {@code protection:} section did (a preview on a dry run); null when there is none or
 *                     it was not reached
 * @param duplicates   ids of other live or offline machines with this machine's name (stale records to clean up)
 */
public record EnrolResult(Plan plan, String status, boolean changed, String hostname, Registration registration,
                          boolean rebootRequired, List<StepOutcome> steps, ExitCode exitCode, String error,
                          long apiRequests, ExistingInstallation existingInstallation, ProtectionReport protection,
                          List<String> duplicates) {
    public EnrolResult {
        steps = List.copyOf(steps);
        duplicates = duplicates == null ? List.of() : List.copyOf(duplicates);
    }

    /** A result without protection and without duplicates (yet). */
    public EnrolResult(Plan plan, String status, boolean changed, String hostname, Registration registration,
                       boolean rebootRequired, List<StepOutcome> steps, ExitCode exitCode, String error,
                       long apiRequests, ExistingInstallation existingInstallation) {
        this(plan, status, changed, hostname, registration, rebootRequired, steps, exitCode, error, apiRequests,
                existingInstallation, null, List.of());
    }

    EnrolResult withInstallation(ExistingInstallation installed) {
        return new EnrolResult(plan, status, changed, hostname, registration, rebootRequired, steps, exitCode, error,
                apiRequests, installed, protection, duplicates);
    }

    EnrolResult withDuplicates(List<String> ids, long requests) {
        return new EnrolResult(plan, status, changed, hostname, registration, rebootRequired, steps, exitCode, error,
                requests, existingInstallation, protection, ids);
    }

    EnrolResult withProtection(String newStatus, boolean newChanged, ExitCode exit, String newError,
                               long requests, ProtectionReport report) {
        return new EnrolResult(plan, newStatus, newChanged, hostname, registration, rebootRequired, steps, exit, newError,
                requests, existingInstallation, report, duplicates);
    }
}
