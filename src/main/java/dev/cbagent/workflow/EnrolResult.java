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
 *                     unregistered, done (ran, not verified) or failed
 * @param registration what the API confirmed; null when not verified or not found
 * @param error        one sentence when {@code exitCode} is not OK or REBOOT_REQUIRED
 * @param existingInstallation where an agent was found installed on this machine before acting, or null
 * @param protection   what the {@code protection:} section did (a preview on a dry run); null when there is none or
 *                     it was not reached
 */
public record EnrolResult(Plan plan, String status, boolean changed, String hostname, Registration registration,
                          boolean rebootRequired, List<StepOutcome> steps, ExitCode exitCode, String error,
                          long apiRequests, String existingInstallation, ProtectionReport protection) {
    public EnrolResult {
        steps = List.copyOf(steps);
    }

    /** A result without protection. */
    public EnrolResult(Plan plan, String status, boolean changed, String hostname, Registration registration,
                       boolean rebootRequired, List<StepOutcome> steps, ExitCode exitCode, String error,
                       long apiRequests, String existingInstallation) {
        this(plan, status, changed, hostname, registration, rebootRequired, steps, exitCode, error, apiRequests,
                existingInstallation, null);
    }
}
