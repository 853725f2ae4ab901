package dev.cbagent.workflow;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.ApiConfig;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.error.Redactor;
import dev.cbagent.exec.PlanExecutor;
import dev.cbagent.exec.StepOutcome;
import dev.cbagent.plan.Action;
import dev.cbagent.plan.Plan;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.plan.Step;
import dev.cbagent.profile.Durations;
import dev.cbagent.protect.ProtectionService;
import dev.cbagent.profile.ProfileValues;
import dev.cbagent.verify.Registration;
import dev.cbagent.verify.RegistrationVerifier;
import dev.cbagent.verify.VerificationOutcome;
import dev.cbagent.verify.VerifySettings;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * install / register / unregister on this machine: ask the API whether anything needs doing, run the plan's
 * steps, then prove the result through the API, and finally apply the profile's {@code protection:} section
 * (checked before anything runs). Progress goes to {@code talk} (stderr).
 */
public final class EnrolWorkflow {
    private final PlanExecutor executor;
    private final Function<ApiConfig, ApiClient> clients;
    private final Function<ApiClient, RegistrationVerifier> verifiers;
    private final BooleanSupplier privileged;
    private final PrintWriter talk;
    private final Function<String, Optional<Path>> installedAgent;
    private final BiFunction<ApiClient, Consumer<String>, ProtectionService> protections;

    public EnrolWorkflow(PlanExecutor executor, Function<ApiConfig, ApiClient> clients,
                         Function<ApiClient, RegistrationVerifier> verifiers, BooleanSupplier privileged,
                         Function<String, Optional<Path>> installedAgent, PrintWriter talk) {
        this(executor, clients, verifiers, privileged, installedAgent, talk, ProtectionStage::standardService);
    }

    /** @param protections builds the protection service for an API client, talking to the given sink */
    public EnrolWorkflow(PlanExecutor executor, Function<ApiConfig, ApiClient> clients,
                         Function<ApiClient, RegistrationVerifier> verifiers, BooleanSupplier privileged,
                         Function<String, Optional<Path>> installedAgent, PrintWriter talk,
                         BiFunction<ApiClient, Consumer<String>, ProtectionService> protections) {
        this.protections = protections;
        this.installedAgent = installedAgent;
        this.executor = executor;
        this.clients = clients;
        this.verifiers = verifiers;
        this.privileged = privileged;
        this.talk = talk;
    }

    public EnrolResult run(Plan plan, ProfileValues values, EnrolOptions options) {
        String installed = installedAgent.apply(plan.platform()).map(Path::toString).orElse(null);
        return withInstallation(runChecked(plan, values, options), installed);
    }

    private static EnrolResult withInstallation(EnrolResult r, String installed) {
        return new EnrolResult(r.plan(), r.status(), r.changed(), r.hostname(), r.registration(), r.rebootRequired(),
                r.steps(), r.exitCode(), r.error(), r.apiRequests(), installed, r.protection());
    }

    private EnrolResult runChecked(Plan plan, ProfileValues values, EnrolOptions options) {
        boolean unregister = plan.action() == Action.UNREGISTER;
        String hostname = plan.verify() != null ? plan.verify().hostname() : null;
        // Unregistering needs no API account; without one it trusts the tool's exit code.
        boolean canVerify = options.verify() && hostname != null && (!unregister || VerifySettings.isConfigured(values));
        VerifySettings settings = canVerify ? VerifySettings.from(values, hostname) : null;
        ApiClient api = settings == null ? null : clients.apply(settings.apiConfig());
        RegistrationVerifier verifier = api == null ? null : verifiers.apply(api);
        Redactor redactor = new Redactor(values.secretValues());

        ProtectionPlan protection = unregister ? null : plan.protection();
        if (protection != null && api == null) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "the profile's protection section needs the API: run "
                    + "without --no-verify (or remove the section)");
        }
        Registration existing = null;
        if (verifier != null) {
            existing = verifier.checkOnce(List.of(hostname), false).get(hostname);
        }
        // An unknown group or plan is found now, before any installer runs.
        ProtectionStage protect = protection == null ? ProtectionStage.NONE
                : ProtectionStage.prepare(protections.apply(api, line -> say("%s", line)), protection, api);
        boolean nothingToDo = !options.force() && verifier != null && (unregister ? existing == null : existing != null);
        if (nothingToDo) {
            if (!unregister && settings.requireOnline() && !existing.online()) {
                say("%s is registered but offline; waiting up to %s for it to come online", hostname,
                        Durations.format(settings.timeout()));
                return protect.apply(confirm(plan, settings, verifier, api, List.of(), false), options.dryRun());
            }
            say("%s is already %s at %s: nothing to do%s", hostname, unregister ? "absent" : "registered",
                    settings.apiUrl(), protection == null ? "" : " for the registration");
            return protect.apply(new EnrolResult(plan, "unchanged", false, hostname, existing, false, List.of(),
                    ExitCode.OK, null, api.requestCount(), null), options.dryRun());
        }
        if (options.dryRun()) {
            return protect.planned(new EnrolResult(plan, "planned", true, hostname, existing, false, List.of(),
                    ExitCode.OK, null, api == null ? 0 : api.requestCount(), null));
        }
        if (plan.action() == Action.INSTALL && options.checkPrivileges() && !privileged.getAsBoolean()) {
            throw new CbagentException(ExitCode.INSTALLER_FAILED, "installing an agent needs root (Administrator on "
                    + "Windows); run cbagent with sudo or as Administrator");
        }
        List<StepOutcome> outcomes = new ArrayList<>();
        for (Step step : plan.steps()) {
            say("%s: running %s", step.name(), step.argv().program());
            StepOutcome outcome = executor.run(step, redactor);
            outcomes.add(outcome);
            if (!outcome.succeeded()) {
                return failedStep(plan, hostname, outcomes, outcome, api);
            }
        }
        boolean reboot = outcomes.stream().anyMatch(StepOutcome::rebootRequired);
        if (verifier == null) {
            return new EnrolResult(plan, "done", true, hostname, null, reboot, outcomes,
                    reboot ? ExitCode.REBOOT_REQUIRED : ExitCode.OK, null, 0, null);
        }
        return unregister ? confirmGone(plan, settings, verifier, api, outcomes)
                : protect.apply(confirm(plan, settings, verifier, api, outcomes, true), false);
    }

    private EnrolResult confirm(Plan plan, VerifySettings settings, RegistrationVerifier verifier, ApiClient api,
                                List<StepOutcome> outcomes, boolean changed) {
        String host = settings.hostname();
        say("verifying that %s is registered%s at %s (up to %s)", host, settings.requireOnline() ? " and online" : "",
                settings.apiUrl(), Durations.format(settings.timeout()));
        VerificationOutcome outcome = verifier.awaitOutcome(List.of(host), settings.requireOnline(), settings.timeout());
        boolean reboot = outcomes.stream().anyMatch(StepOutcome::rebootRequired);
        Registration registration = outcome.confirmed().get(host);
        if (registration == null) {
            String why = outcome.pending().getOrDefault(host, "not found");
            return new EnrolResult(plan, "failed", changed, host, null, reboot, outcomes, ExitCode.VERIFICATION_FAILED,
                    host + " was not confirmed at " + settings.apiUrl() + " within " + Durations.format(settings.timeout())
                            + ": " + why, api.requestCount(), null);
        }
        return new EnrolResult(plan, changed ? "registered" : "unchanged", changed, host, registration, reboot, outcomes,
                reboot ? ExitCode.REBOOT_REQUIRED : ExitCode.OK, null, api.requestCount(), null);
    }

    private EnrolResult confirmGone(Plan plan, VerifySettings settings, RegistrationVerifier verifier, ApiClient api,
                                    List<StepOutcome> outcomes) {
        String host = settings.hostname();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        long delayMs = 500;
        while (true) {
            Map<String, Registration> still = verifier.checkOnce(List.of(host), false);
            if (still.isEmpty()) {
                return new EnrolResult(plan, "unregistered", true, host, null, false, outcomes, ExitCode.OK, null,
                        api.requestCount(), null);
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                return new EnrolResult(plan, "failed", true, host, still.get(host), false, outcomes,
                        ExitCode.VERIFICATION_FAILED, host + " is still registered at " + settings.apiUrl() + " after "
                        + Durations.format(settings.timeout()), api.requestCount(), null);
            }
            sleep(Math.min(delayMs, leftMs));
            delayMs = Math.min(delayMs * 2, 10_000);
        }
    }

    private EnrolResult failedStep(Plan plan, String hostname, List<StepOutcome> outcomes, StepOutcome failed, ApiClient api) {
        boolean installer = plan.action() == Action.INSTALL;
        String tool = installer ? "the installer" : "the registration tool";
        String error = failed.timedOut()
                ? tool + " did not finish within " + Durations.format(stepTimeout(plan, failed)) + " and was stopped (log: "
                + failed.logFile() + ")"
                : tool + " failed with exit code " + failed.exitCode() + " (log: " + failed.logFile() + ")";
        return new EnrolResult(plan, "failed", true, hostname, null, false, outcomes,
                installer ? ExitCode.INSTALLER_FAILED : ExitCode.REGISTER_TOOL_FAILED, error,
                api == null ? 0 : api.requestCount(), null);
    }

    private static java.time.Duration stepTimeout(Plan plan, StepOutcome outcome) {
        return plan.steps().stream().filter(s -> s.name().equals(outcome.name())).findFirst().map(Step::timeout)
                .orElse(outcome.duration());
    }

    private void say(String format, Object... args) {
        talk.printf(format + "%n", args);
        talk.flush();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CbagentException(ExitCode.VERIFICATION_FAILED, "interrupted while waiting for the server");
        }
    }
}
