package dev.cbagent.fleet;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.UntrustedText;
import dev.cbagent.exec.Runner;
import dev.cbagent.exec.StepFailure;
import dev.cbagent.exec.StepOutcome;
import dev.cbagent.exec.StepRun;
import dev.cbagent.fleet.hosts.HostNameText;
import dev.cbagent.platform.identity.AgentIdentity;
import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.text.Durations;
import dev.cbagent.verify.IdentityVerdict;
import dev.cbagent.verify.PollSettings;
import dev.cbagent.verify.Registration;
import dev.cbagent.verify.ThisMachine;
import dev.cbagent.workflow.Decision;
import dev.cbagent.workflow.Enrolment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One host's enrolment in a fleet run, up to its confirmation: connect, decide by the agent identity it reports
 * (DESIGN.md "Idempotency"), install, and check the identity it reports afterwards. Two hosts never both count with one
 * InstanceID (cloned images). Thread-safe: the workers of a run share one.
 */
final class HostEnrolment {
    /**
     * How long after this run's start a registration made by an earlier, interrupted run may take to show on the
     * server (the sandbox's {@code appearAfterMs}; real servers index new machines within seconds).
     */
    static final Duration EARLIER_REGISTRATION_SHOWS = Duration.ofSeconds(10);

    /**
     * How long a host's pre-check by id waits for others to share its query: the workers of a run connect at about
     * the same time, and a host waits this little before an SSH session of seconds.
     */
    static final Duration PRECHECK_GATHER = Duration.ofMillis(200);

    private final HostWork work;
    private final RunRecorder recorder;
    private final FleetProgress progress;
    private final ConfirmationRounds rounds;
    private final HostConfirmation confirmation;
    private final StopSignal stop;
    private final Duration hostTimeout;
    private final Instant startedAt = Instant.now();
    /** InstanceID (lower case) -> the first host that reported it. */
    private final Map<String, HostRun> claims = new ConcurrentHashMap<>();
    private final PrecheckRounds prechecks = new PrecheckRounds(PRECHECK_GATHER);

    HostEnrolment(HostWork work, RunRecorder recorder, FleetProgress progress, ConfirmationRounds rounds,
                  HostConfirmation confirmation, StopSignal stop, Duration hostTimeout) {
        this.work = work;
        this.recorder = recorder;
        this.progress = progress;
        this.rounds = rounds;
        this.confirmation = confirmation;
        this.stop = stop;
        this.hostTimeout = hostTimeout;
    }

    /** What to do on a host once its identity is known. */
    enum Next {
        INSTALL,
        /** Clear a cloned agent identity and restart the agent service, then install. */
        RESET_AND_INSTALL,
        /** Nothing: the host is registered already, or failed. */
        SKIP
    }

    /**
     * Enrols the host: installs unless its identity says otherwise, then hands it over to {@code confirmer} unless it
     * failed; returns without waiting for the confirmation, so the worker takes its next host.
     */
    void enrol(HostRun w, dev.cbagent.workflow.Confirmer<HostRun> confirmer) {
        install(w);
        confirmation.handOver(w, confirmer);
    }

    /** Installs on the host unless its identity says otherwise; afterwards the host is installed, confirm-only or failed. */
    private void install(HostRun w) {
        w.touch();
        progress.started();
        recorder.record(w, JournalEvent.STARTED, HostStep.CONNECT, null, null);
        try (PrecheckRounds.Arrival arrival = prechecks.arriving();
             Runner.Session session = work.runner(w.host, w.plan).open(w.deadline(hostTimeout), uploads(w))) {
            Next decision = decide(w, session.identity(), arrival);
            arrival.close();
            if (decision == Next.SKIP) {
                return;
            }
            Enrolment.Steps ran = Enrolment.run(session, List.of(w.plan.step()), decision == Next.RESET_AND_INSTALL);
            if (ran.failure() != null) {
                throw ran.failure();
            }
            StepOutcome outcome = requireSuccess(ran.last());
            installed(w, ran.last().identity(), outcome);
        } catch (StepFailure f) {
            recorder.fail(w, HostStep.of(f.step()), f.exitCode(), f.getMessage(), true);
            if (f.output() != null) {
                w.result = w.result.withOutput(w.plan.redactor().redact(f.output()));
            }
        } catch (InterruptedException e) {
            recorder.fail(w, HostStep.INSTALL, null, "interrupted: the run was stopped", true);
        } catch (RuntimeException e) {
            recorder.fail(w, HostStep.INSTALL, null, "unexpected error: " + w.plan.redactor().redact(String.valueOf(e)),
                    true);
        }
    }

    private Runner.Listener uploads(HostRun w) {
        return new Runner.Listener() {
            @Override
            public void uploaded(boolean skipped) {
                recorder.record(w, JournalEvent.UPLOADED, HostStep.UPLOAD, null,
                        skipped ? "skipped: the same installer (SHA-256) is already on the host" : null);
            }
        };
    }

    /** The install step's outcome when it succeeded (exit 0 or a reboot code); else why it failed. */
    private static StepOutcome requireSuccess(StepRun run) throws HostFailure {
        StepOutcome outcome = run.outcome();
        if (outcome.timedOut()) {
            throw new HostFailure("install", null, "the install step did not finish in time (timed out after "
                    + outcome.duration().toSeconds() + "s); it was stopped", run.output());
        }
        if (!outcome.succeeded()) {
            String last = SshRunner.lastLine(run.output());
            throw new HostFailure("install", outcome.exitCode(), "the installer failed with exit code "
                    + outcome.exitCode() + (last.isEmpty() ? "" : ": " + HostNameText.withoutControls(last)),
                    run.output());
        }
        return outcome;
    }

    /** The installer ran and succeeded: journal it, and check the identity the host reports now. */
    private void installed(HostRun w, LocalAgent after, StepOutcome outcome) {
        w.rebootRequired = outcome.rebootRequired();
        // The id goes into the journal, so a resumed run confirms this host by id, not by its name.
        recorder.installed(w, outcome.exitCode(), after.known().map(AgentIdentity::instanceId).orElse(null));
        w.installed = true;
        if (w.resetFrom != null && after.known().filter(id -> id.sameInstance(w.resetFrom.instanceId())).isPresent()) {
            recorder.fail(w, HostStep.IDENTITY, null, "the cloned agent identity " + w.resetFrom.instanceId()
                    + " was not cleared on the host, so it is not counted as a new registration", true);
            return;
        }
        if (after.state() == LocalAgent.State.IDENTIFIED) {
            HostRun other = claim(after.identity(), w);
            if (other != null) {
                recorder.fail(w, HostStep.IDENTITY, null, "installed, but the host reports the agent InstanceID "
                        + after.identity().instanceId() + " that " + other.label() + " reports too (a cloned image?); "
                        + "it is not counted as registered", true);
                return;
            }
            w.identity = after.identity();
        }
        progress.finished(w.label(), true, outcome.rebootRequired() ? "installed (exit " + outcome.exitCode()
                + ": a reboot is pending)" : "installed (exit 0)", true);
    }

    /**
     * Whether to install on a host, from the agent identity it reported and what the server says of it (the one
     * table, {@link Decision}): a host whose InstanceID is a live machine of its own name is
     * registered (confirmed by id, never installed again); an id that is another host's machine is a clone (failed
     * at step {@code identity}); an unknown or deleted id is a leftover, so it installs — unless the journal shows
     * it started in an earlier run, when the id may be the new registration the server does not show yet: then it
     * is only confirmed, so no host registers twice. An identity that cannot be read is decided by the host's name
     * (DESIGN.md "Idempotency" 3): one live, online agent of that name is this host; several are a conflict.
     */
    private Next decide(HostRun w, LocalAgent before, PrecheckRounds.Arrival arrival) {
        if (before.state() == LocalAgent.State.UNREADABLE) {
            progress.note(w.label() + ": warning: cannot read the host's agent identity (" + before.problem()
                    + "); deciding by the name " + w.hostname + " instead");
        }
        Decision.Intent intent = new Decision.Intent(false, false,
                w.plan.identity().reset(), w.before.phase() == ResumeState.Phase.STARTED);
        Enrolment.Prechecked pre;
        try {
            pre = Enrolment.precheck(before, local -> server(w, local, arrival), intent);
        } catch (CbagentException e) {
            recorder.fail(w, HostStep.IDENTITY, null, before.state() == LocalAgent.State.IDENTIFIED
                    ? "cannot look up the host's agent identity " + before.identity().instanceId() + ": " + e.getMessage()
                    : "cannot look up the host's name " + w.hostname + ": " + e.getMessage(), true);
            return Next.SKIP;
        }
        ThisMachine.Before server = pre.server();
        switch (pre.decision()) {
            case REGISTERED -> {
                AgentIdentity identity = before.known().orElseGet(() -> new AgentIdentity(
                        server.registration().resourceId(), server.registration().agentId()));
                HostRun other = claim(identity, w);
                if (other != null) {
                    recorder.fail(w, HostStep.IDENTITY, null, "reports the agent InstanceID " + identity.instanceId()
                            + " that " + other.label() + " reports too (a cloned image?); nothing was changed", true);
                    return Next.SKIP;
                }
                w.identity = identity;
                w.confirmOnly = true;
                return Next.SKIP;
            }
            case RESET_AND_RUN -> {
                w.resetFrom = before.identity();
                progress.note(w.label() + ": " + server.note() + "; registration.identity is reset: clearing it, "
                        + "restarting the agent service and registering as a new machine");
                return Next.RESET_AND_INSTALL;
            }
            case CLONE_REFUSED -> {
                recorder.fail(w, HostStep.IDENTITY, null, server.note() + ": " + w.hostname + " was probably cloned "
                        + "from " + server.verdict().machine().name() + "'s image; nothing was changed "
                        + "(registration.identity: reset registers it as a new machine)", true);
                return Next.SKIP;
            }
            case CONFLICT -> {
                recorder.fail(w, HostStep.IDENTITY, null, server.note() + "; nothing was changed (check the agent's "
                        + "configuration on the host, or give the host's hostname in the list)", true);
                return Next.SKIP;
            }
            case CONFIRM_EARLIER -> {
                AgentIdentity identity = before.identity();
                if (claim(identity, w) != null) {
                    return Next.INSTALL;
                }
                w.identity = identity;
                w.confirmOnly = true;
                progress.note(w.label() + ": started in an earlier run and has agent InstanceID "
                        + identity.instanceId() + ": confirming it before installing anything");
                return Next.SKIP;
            }
            case ASK_EARLIER -> {
                return afterInterruptedInstall(w);
            }
            case RUN -> {
                return Next.INSTALL;
            }
            default -> throw new IllegalStateException("a fleet run never unregisters");
        }
    }

    /**
     * A host that started installing in an earlier run, has an agent now, but no agent identity: the installer was
     * stopped (the run was killed, the session dropped) after it may have registered the machine and before the agent
     * wrote its identity. Installing blindly would register a second machine, so the server is asked by name, as
     * DESIGN.md "Verifying a registration" does when no identity can be read: one live machine of this name created or
     * updated since the earlier start is that registration (confirmed by its id, never installed again); two or more
     * are a conflict (failed at step {@code identity}, nothing changed); none means it never registered: install.
     */
    private Next afterInterruptedInstall(HostRun w) {
        // A server lists a new machine a little after registering it; the earlier run ended before this one started,
        // so asking until EARLIER_REGISTRATION_SHOWS after this run's start sees a registration it made in time.
        Duration left = Duration.between(Instant.now(), startedAt.plus(EARLIER_REGISTRATION_SHOWS));
        if (!left.isNegative() && !left.isZero()) {
            progress.note(w.label() + ": started in an earlier run and has no agent identity: asking the management "
                    + "server for up to " + Durations.seconds(left) + " whether that run registered it");
        }
        ThisMachine.After earlier;
        try {
            earlier = thisMachine(w).confirm(() -> LocalAgent.notInstalled("the earlier run"), w.before.started(), false,
                            left.isNegative() ? Duration.ZERO : left);
        } catch (CbagentException e) {
            recorder.fail(w, HostStep.IDENTITY, null, stop.isStopped() ? "interrupted: the run was stopped"
                    : "started in an earlier run and has no agent identity; cannot ask the management server whether "
                    + "that run registered it: " + e.getMessage(), true);
            return Next.SKIP;
        }
        if (!earlier.conflict().isEmpty()) {
            recorder.fail(w, HostStep.IDENTITY, null, "started in an earlier run and has no agent identity; "
                    + earlier.reason() + "; nothing was changed (remove the surplus records, then run again)", true);
            return Next.SKIP;
        }
        if (!earlier.confirmed()) {
            return Next.INSTALL;
        }
        Registration r = earlier.registration();
        AgentIdentity identity = new AgentIdentity(r.resourceId(), r.agentId());
        HostRun other = claim(identity, w);
        if (other != null) {
            recorder.fail(w, HostStep.IDENTITY, null, "started in an earlier run and has no agent identity; the "
                    + "machine '" + UntrustedText.printable(r.name()) + "' (resource "
                    + UntrustedText.printable(r.resourceId()) + ") registered since then is reported by "
                    + other.label() + " too; nothing was changed", true);
            return Next.SKIP;
        }
        w.identity = identity;
        w.confirmOnly = true;
        progress.note(w.label() + ": started in an earlier run and has no agent identity, but the management server "
                + "lists '" + UntrustedText.printable(r.name()) + "' (resource " + UntrustedText.printable(r.resourceId())
                + ") registered since then: confirming it instead of installing again (that would register a second "
                + "machine)");
        return Next.SKIP;
    }

    /** What the server says of the host: by id in the shared pre-check batches, by name when unreadable. */
    private ThisMachine.Before server(HostRun w, LocalAgent local, PrecheckRounds.Arrival arrival) {
        if (local.state() != LocalAgent.State.IDENTIFIED) {
            arrival.close();
            return thisMachine(w).before(local, false);
        }
        AgentIdentity identity = local.identity();
        try {
            return ThisMachine.byIdentity(IdentityVerdict.of(identity, w.hostname,
                    prechecks.byId(arrival, w.plan.api(), rounds.finder(w.plan.api()), identity.instanceId())),
                    w.hostname, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CbagentException(dev.cbagent.error.ExitCode.INTERNAL, "interrupted: the run was stopped", e);
        }
    }

    private ThisMachine thisMachine(HostRun w) {
        return new ThisMachine(rounds.finder(w.plan.api()), w.hostname, Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()), PollSettings.standard());
    }

    /** Records that a host reports an InstanceID; the host that reported it first, when it is another one. */
    private HostRun claim(AgentIdentity identity, HostRun w) {
        HostRun first = claims.putIfAbsent(identity.instanceId().toLowerCase(Locale.ROOT), w);
        return first == null || first == w ? null : first;
    }
}
