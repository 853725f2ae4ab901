package dev.cbagent.workflow;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.ApiConfig;
import dev.cbagent.api.Sleeper;
import dev.cbagent.api.WaitProgress;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.error.Redactor;
import dev.cbagent.exec.LocalRunner;
import dev.cbagent.exec.OutputTail;
import dev.cbagent.exec.PlanExecutor;
import dev.cbagent.exec.Runner;
import dev.cbagent.exec.StepFailure;
import dev.cbagent.exec.StepOutcome;
import dev.cbagent.plan.Action;
import dev.cbagent.plan.Plan;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.plan.Step;
import dev.cbagent.platform.identity.IdentityStore;
import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.text.Durations;
import dev.cbagent.protect.ProtectionService;
import dev.cbagent.verify.MachineFinder;
import dev.cbagent.verify.PollSettings;
import dev.cbagent.verify.Registration;
import dev.cbagent.verify.ThisMachine;
import dev.cbagent.verify.VerifySettings;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * install / register / unregister on this machine: decide from the agent's own identity whether anything needs
 * doing (DESIGN.md "Idempotency"), run the plan's steps, then prove the result through the API by id, and finally
 * apply the profile's {@code protection:} section (checked before anything runs). Progress goes to {@code talk}.
 */
public final class EnrolWorkflow {
    private final Function<Plan, Runner> runners;
    private final Function<ApiConfig, ApiClient> clients;
    private final Function<ApiClient, MachineFinder> finders;
    private final BooleanSupplier privileged;
    private final PrintWriter talk;
    private final Function<String, Optional<Path>> installedAgent;
    private final Function<String, IdentityStore> identities;
    private final BiFunction<ApiClient, Consumer<String>, ProtectionService> protections;
    private final WaitProgress progress;

    /**
     * @param identities the agent identity of this machine, per platform ({@code linux}, {@code windows}, ...)
     * @param protections builds the protection service for an API client, talking to the given sink
     */
    public EnrolWorkflow(PlanExecutor executor, Function<ApiConfig, ApiClient> clients,
                         Function<ApiClient, MachineFinder> finders, BooleanSupplier privileged,
                         Function<String, Optional<Path>> installedAgent, Function<String, IdentityStore> identities,
                         PrintWriter talk, BiFunction<ApiClient, Consumer<String>, ProtectionService> protections,
                         WaitProgress progress) {
        this(plan -> new LocalRunner(executor, identities.apply(plan.platform()), plan.redactor(),
                plan.identity().restart()), clients, finders, privileged, installedAgent, identities, talk, protections,
                progress);
    }

    /** @param runners where a plan's steps run (this machine: {@link LocalRunner}) */
    public EnrolWorkflow(Function<Plan, Runner> runners, Function<ApiConfig, ApiClient> clients,
                         Function<ApiClient, MachineFinder> finders, BooleanSupplier privileged,
                         Function<String, Optional<Path>> installedAgent, Function<String, IdentityStore> identities,
                         PrintWriter talk, BiFunction<ApiClient, Consumer<String>, ProtectionService> protections,
                         WaitProgress progress) {
        this.protections = protections;
        this.progress = progress;
        this.installedAgent = installedAgent;
        this.identities = identities;
        this.runners = runners;
        this.clients = clients;
        this.finders = finders;
        this.privileged = privileged;
        this.talk = talk;
    }

    public EnrolWorkflow(PlanExecutor executor, Function<ApiConfig, ApiClient> clients,
                         Function<ApiClient, MachineFinder> finders, BooleanSupplier privileged,
                         Function<String, Optional<Path>> installedAgent, Function<String, IdentityStore> identities,
                         PrintWriter talk) {
        this(executor, clients, finders, privileged, installedAgent, identities, talk, WaitProgress.silent());
    }

    /** @param progress tells what the long waits (confirmation, removal, deployment) wait for */
    public EnrolWorkflow(PlanExecutor executor, Function<ApiConfig, ApiClient> clients,
                         Function<ApiClient, MachineFinder> finders, BooleanSupplier privileged,
                         Function<String, Optional<Path>> installedAgent, Function<String, IdentityStore> identities,
                         PrintWriter talk, WaitProgress progress) {
        this(executor, clients, finders, privileged, installedAgent, identities, talk,
                (api, say) -> ProtectionStage.standardService(api, say, progress), progress);
    }

    public EnrolResult run(Plan plan, EnrolOptions options) {
        Optional<Path> installed = installedAgent.apply(plan.platform());
        EnrolResult result = runChecked(plan, options);
        if (installed.isEmpty()) {
            return result;
        }
        LocalAgent agent = identities.apply(plan.platform()).read();
        ExistingInstallation existing = ExistingInstallation.of(installed.get(), agent,
                registerInstead(plan, result, agent) ? "cbagent register " + plan.profile() : null);
        if (existing.suggestion() != null || plan.action() == Action.REGISTER && options.dryRun()) {
            say("%s", existing.sentence());
        }
        return result.withInstallation(existing);
    }

    /**
     * Whether an install would put the agent on a machine that has one already, only not registered (the API said
     * so, or the agent has no InstanceID): then {@code register} is what the operator wants (faster, and it keeps
     * the installed version and settings).
     */
    private static boolean registerInstead(Plan plan, EnrolResult result, LocalAgent agent) {
        return plan.action() == Action.INSTALL && "planned".equals(result.status())
                && (result.apiRequests() > 0 || agent.known().isEmpty());
    }

    /** Everything one run needs, decided before anything runs. */
    private record Run(Plan plan, EnrolOptions options, String hostname, VerifySettings settings, ApiClient api,
                       ThisMachine machine, IdentityStore store, Redactor redactor) {
        long requests() {
            return api == null ? 0 : api.requestCount();
        }
    }

    private EnrolResult runChecked(Plan plan, EnrolOptions options) {
        boolean unregister = plan.action() == Action.UNREGISTER;
        String hostname = plan.verify() != null ? plan.verify().hostname() : null;
        // Unregistering needs no API account; without one it trusts the tool's exit code.
        boolean canVerify = options.verify() && hostname != null && plan.verification() != null
                && (!unregister || plan.verification().isConfigured());
        VerifySettings settings = canVerify ? VerifySettings.from(plan.verification(), hostname) : null;
        ApiClient api = settings == null ? null : clients.apply(settings.apiConfig());
        ThisMachine machine = api == null ? null : new ThisMachine(finders.apply(api), hostname, Clock.systemUTC(),
                Sleeper.system(), PollSettings.standard(), progress);
        Run run = new Run(plan, options, hostname, settings, api, machine, identities.apply(plan.platform()),
                plan.redactor());

        ProtectionPlan protection = unregister ? null : plan.protection();
        if (protection != null && api == null) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "the profile's protection section needs the API: run "
                    + "without --no-verify (or remove the section)");
        }
        try (Runner.Session session = runners.apply(plan).open(null, stepTalk(plan))) {
            return runIn(session, run, protection);
        } catch (StepFailure e) {
            throw new CbagentException(e.exit(), e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CbagentException(ExitCode.INTERNAL, "Interrupted while running " + plan.action().label() + ".", e);
        }
    }

    /** Says which program each step runs: the plan's own steps by program, the agent service restart in full. */
    private Runner.Listener stepTalk(Plan plan) {
        return new Runner.Listener() {
            @Override
            public void running(Step step) {
                if (plan.identity().restart().contains(step)) {
                    say("restart: running %s", String.join(" ", step.argv().display()));
                } else {
                    say("%s: running %s", step.name(), step.argv().program());
                }
            }
        };
    }

    private EnrolResult runIn(Runner.Session session, Run run, ProtectionPlan protection)
            throws StepFailure, InterruptedException {
        Plan plan = run.plan();
        EnrolOptions options = run.options();
        ThisMachine machine = run.machine();
        String hostname = run.hostname();
        boolean unregister = plan.action() == Action.UNREGISTER;
        ApiClient api = run.api();
        LocalAgent local = session.identity();
        if (local.state() == LocalAgent.State.UNREADABLE && machine != null) {
            say("warning: cannot read this machine's agent identity from %s (%s); deciding by the name %s instead",
                    local.source(), local.problem(), hostname);
        }
        Enrolment.Prechecked pre = Enrolment.precheck(local, machine == null ? null : machine::before,
                new Decision.Intent(unregister, options.force(), plan.identity().reset(), false));
        ThisMachine.Before before = pre.server();
        // An unknown group or plan is found now, before any installer runs.
        ProtectionStage protect = protection == null ? ProtectionStage.NONE
                : ProtectionStage.prepare(protections.apply(api, line -> say("%s", line)), protection, api,
                options.dryRun());
        if (before != null) {
            Optional<EnrolResult> decided = decide(run, pre, protect);
            if (decided.isPresent()) {
                return decided.get();
            }
        }
        if (options.dryRun()) {
            return protect.planned(result(run, before, "planned", true, null, List.of(), ExitCode.OK, null));
        }
        if (plan.action() == Action.INSTALL && options.checkPrivileges() && !privileged.getAsBoolean()) {
            throw new CbagentException(ExitCode.INSTALLER_FAILED, "installing an agent needs root (Administrator on "
                    + "Windows); run cbagent with sudo or as Administrator");
        }
        Instant stepStarted = Instant.now();
        Enrolment.Steps ran = Enrolment.run(session, plan.steps(), pre.resetFirst());
        List<StepOutcome> outcomes = ran.outcomes();
        if (ran.failure() != null) {
            StepFailure e = ran.failure();
            return result(run, before, e.exit() == ExitCode.IDENTITY_CONFLICT ? "conflict" : "failed", e.changed(),
                    null, outcomes, e.exit(), e.getMessage());
        }
        if (!ran.succeeded()) {
            return failedStep(run, before, outcomes, ran.last().outcome());
        }
        boolean reboot = outcomes.stream().anyMatch(StepOutcome::rebootRequired);
        if (machine == null) {
            return new EnrolResult(plan, "done", true, hostname, null, reboot, outcomes,
                    reboot ? ExitCode.REBOOT_REQUIRED : ExitCode.OK, null, 0, null);
        }
        try {
            return unregister ? confirmGone(run, before, local, outcomes)
                    : Enrolment.now(protect.protect(confirm(run, before, outcomes, stepStarted, true)));
        } catch (CbagentException e) {
            // The step ran: whatever fails now, the machine changed and its steps and logs are reported.
            return result(run, before, "failed", true, null, outcomes, e.exitCode(), e.getMessage());
        }
    }

    /** The pre-check's verdict when it settles the run without running a step; empty to go on. */
    private Optional<EnrolResult> decide(Run run, Enrolment.Prechecked pre, ProtectionStage protect) {
        boolean unregister = run.plan().action() == Action.UNREGISTER;
        ThisMachine.Before before = pre.server();
        LocalAgent local = pre.local();
        switch (pre.decision()) {
            case CONFLICT -> {
                return Optional.of(result(run, before, "conflict", false, null, List.of(), ExitCode.IDENTITY_CONFLICT,
                        before.note() + "; nothing was changed (check the agent's configuration in " + local.source()
                                + ", or give verify.hostname)"));
            }
            case CLONE_REFUSED -> {
                String other = dev.cbagent.error.UntrustedText.printable(before.verdict().machine().name());
                return Optional.of(result(run, before, "conflict", false, null, List.of(), ExitCode.IDENTITY_CONFLICT,
                        before.note() + ": " + run.hostname() + " was probably cloned from " + other + "'s image; "
                                + "nothing was changed" + (unregister ? " (unregistering would remove " + other
                                + ")" : "; set registration.identity: reset to register it as a new machine")));
            }
            case RESET_AND_RUN -> {
                say("%s; registration.identity is reset: %s", before.note(), run.options().dryRun()
                        ? "would clear it, restart the agent service and register as a new machine"
                        : "clearing it and registering as a new machine");
                return Optional.empty();
            }
            case REGISTERED -> {
                Registration existing = before.registration();
                if (run.settings().requireOnline() && !existing.online()) {
                    say("%s is registered but offline; waiting up to %s for it to come online", run.hostname(),
                            Durations.format(run.settings().timeout()));
                    return Optional.of(Enrolment.now(protect.protect(confirm(run, before, List.of(), null, false))));
                }
                say("%s is already registered at %s (resource %s, found by %s): nothing to do%s", run.hostname(),
                        run.settings().apiUrl(), existing.resourceId(), existing.foundBy(),
                        run.plan().protection() == null ? "" : " for the registration");
                return Optional.of(Enrolment.now(protect.protect(result(run, before, "unchanged", false, existing,
                        List.of(), ExitCode.OK, null))));
            }
            case ABSENT -> {
                sayNote(before);
                say("%s is already absent at %s: nothing to do", run.hostname(), run.settings().apiUrl());
                return Optional.of(result(run, before, "unchanged", false, null, List.of(), ExitCode.OK, null));
            }
            case RUN -> {
                sayNote(before);
                return Optional.empty();
            }
            default -> throw new IllegalStateException("not a decision for this machine: " + pre.decision());
        }
    }

    private void sayNote(ThisMachine.Before before) {
        if (before.note() != null) {
            say("%s", before.note());
        }
    }

    private EnrolResult confirm(Run run, ThisMachine.Before before, List<StepOutcome> outcomes, Instant stepStarted,
                                boolean changed) {
        VerifySettings settings = run.settings();
        String host = run.hostname();
        say("verifying that %s is registered%s at %s (up to %s)", host, settings.requireOnline() ? " and online" : "",
                settings.apiUrl(), Durations.format(settings.timeout()));
        Confirmer<Instant> confirmer = new LocalConfirmer(run.machine(), run.store()::read, settings.requireOnline(),
                settings.timeout());
        ThisMachine.After after = Enrolment.now(confirmer.confirm(stepStarted));
        boolean reboot = outcomes.stream().anyMatch(StepOutcome::rebootRequired);
        if (!after.confirmed()) {
            String error = after.conflict().isEmpty()
                    ? host + " was not confirmed at " + settings.apiUrl() + " within " + Durations.format(settings.timeout())
                    + ": " + after.reason()
                    : after.reason() + "; nothing more was changed";
            return result(run, before, after.conflict().isEmpty() ? "failed" : "conflict", changed, null, outcomes,
                    after.failure(), error, reboot);
        }
        Registration registration = after.registration();
        if (Registration.BY_AGENT_ID.equals(registration.foundBy())) {
            say("found %s by its agent id %s (resource %s)", host, registration.agentId(), registration.resourceId());
        }
        return result(run, before, changed ? "registered" : "unchanged", changed, registration, outcomes,
                reboot ? ExitCode.REBOOT_REQUIRED : ExitCode.OK, null, reboot);
    }

    private EnrolResult confirmGone(Run run, ThisMachine.Before before, LocalAgent local, List<StepOutcome> outcomes) {
        boolean gone = run.machine().awaitGone(local.identity(), run.settings().timeout());
        if (gone) {
            return result(run, before, "unregistered", true, null, outcomes, ExitCode.OK, null);
        }
        return result(run, before, "failed", true, before.registration(), outcomes, ExitCode.VERIFICATION_FAILED,
                run.hostname() + " is still registered at " + run.settings().apiUrl() + " after "
                        + Durations.format(run.settings().timeout()));
    }

    private EnrolResult failedStep(Run run, ThisMachine.Before before, List<StepOutcome> outcomes, StepOutcome failed) {
        boolean installer = run.plan().action() == Action.INSTALL;
        String tool = installer ? "the installer" : "the registration tool";
        String error = failed.timedOut()
                ? tool + " did not finish within " + Durations.format(stepTimeout(run.plan(), failed))
                + " and was stopped (log: " + failed.logFile() + ")" + OutputTail.quoted(failed.lastLines())
                : tool + " failed with exit code " + failed.exitCode() + " (log: " + failed.logFile() + ")"
                + OutputTail.quoted(failed.lastLines());
        return result(run, before, "failed", true, null, outcomes,
                installer ? ExitCode.INSTALLER_FAILED : ExitCode.REGISTER_TOOL_FAILED, error);
    }

    private EnrolResult result(Run run, ThisMachine.Before before, String status, boolean changed,
                               Registration registration, List<StepOutcome> outcomes, ExitCode exit, String error) {
        return result(run, before, status, changed, registration, outcomes, exit, error,
                outcomes.stream().anyMatch(StepOutcome::rebootRequired));
    }

    private EnrolResult result(Run run, ThisMachine.Before before, String status, boolean changed,
                               Registration registration, List<StepOutcome> outcomes, ExitCode exit, String error,
                               boolean reboot) {
        List<String> duplicates = before == null ? List.of()
                : before.duplicates(registration == null ? selfId(before) : registration.resourceId());
        if (!duplicates.isEmpty()) {
            say("warning: other machines named %s are on the server (stale records worth cleaning up): %s",
                    run.hostname(), String.join(", ", duplicates));
        }
        return new EnrolResult(run.plan(), status, changed, run.hostname(), registration, reboot, outcomes, exit,
                error, run.requests(), null).withDuplicates(duplicates, run.requests());
    }

    /** The id that is this machine's own before any step (a registered machine), or null. */
    private static String selfId(ThisMachine.Before before) {
        return before.registration() == null ? null : before.registration().resourceId();
    }

    private static java.time.Duration stepTimeout(Plan plan, StepOutcome outcome) {
        return plan.steps().stream().filter(s -> s.name().equals(outcome.name())).findFirst().map(Step::timeout)
                .orElse(outcome.duration());
    }

    private void say(String format, Object... args) {
        talk.printf(format + "%n", args);
        talk.flush();
    }
}
