package dev.cbagent.fleet;

import dev.cbagent.api.WaitProgress;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.protect.Machine;
import dev.cbagent.protect.MachineProtection;
import dev.cbagent.protect.ProtectionReport;
import dev.cbagent.protect.ProtectionService;
import dev.cbagent.protect.ProtectionTargets;
import dev.cbagent.api.MachineResource;
import dev.cbagent.platform.identity.AgentIdentity;
import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.verify.IdentityVerdict;
import dev.cbagent.verify.MachineFinder;
import dev.cbagent.verify.PollSettings;
import dev.cbagent.verify.Registration;
import dev.cbagent.verify.RegistrationVerifier;
import dev.cbagent.verify.ThisMachine;
import dev.cbagent.error.UntrustedText;
import dev.cbagent.verify.VerificationOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a fleet: hosts confirmed by the journal are left alone; hosts already registered (one batched API check)
 * are {@code unchanged}; the rest are installed over SSH, at most {@code parallel} at a time, each within its own
 * deadline; meanwhile one confirming thread polls, per management server, all hosts installed so far together
 * ({@link Confirmations}), so the run ends shortly after the last install rather than a whole verification later.
 * A profile's {@code protection:} section is looked up before anything is installed (an unknown group or plan is
 * exit 2) and applied at the end to all confirmed hosts of that profile in one batch (one PATCH, one application).
 */
public final class FleetRunner {
    /**
     * @param parallel    hosts worked on at once
     * @param hostTimeout time for one host's SSH work; null: its installer timeout plus 5 minutes
     * @param upload      when to copy the installer
     */
    public record Settings(int parallel, Duration hostTimeout, UploadMode upload) {
    }

    private final Settings settings;
    private final HostWork install;
    private final Confirmations.Timing timing;
    private final Function<ApiTarget, RegistrationVerifier> verifiers;
    private final Journal journal;
    private final ResumeState resume;
    private final FleetProgress progress;
    private final StopSignal stop;
    private final Function<ApiTarget, ProtectionService> protections;
    private final Map<String, RegistrationVerifier> verifierByTarget = new LinkedHashMap<>();
    private final Map<String, Protection> protectionByKey = new LinkedHashMap<>();
    /** InstanceID (lower case) -> the first host that reported it. */
    private final Map<String, Work> claims = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * How long after this run's start a registration made by an earlier, interrupted run may take to show on the
     * server (the sandbox's {@code appearAfterMs}; real servers index new machines within seconds).
     */
    static final Duration EARLIER_REGISTRATION_SHOWS = Duration.ofSeconds(10);
    private final Instant startedAt = Instant.now();
    /** A UUID is 36 characters: 100 of them keep a query's URL well under common limits. */
    private static final int IDS_PER_QUERY = 100;

    /**
     * @param protections builds the protection service for a management server (called once per distinct
     *                    protection section, only when a profile has one)
     */
    public FleetRunner(Settings settings, dev.cbagent.fleet.ssh.SshConnector ssh,
                       Function<ApiTarget, RegistrationVerifier> verifiers,
                       Function<ApiTarget, ProtectionService> protections, Journal journal, ResumeState resume,
                       FleetProgress progress, StopSignal stop) {
        this(settings, new HostInstall(ssh, settings.upload()), Confirmations.Timing.standard(), verifiers,
                protections, journal, resume, progress, stop);
    }

    FleetRunner(Settings settings, HostWork install, Confirmations.Timing timing,
                Function<ApiTarget, RegistrationVerifier> verifiers, Journal journal, ResumeState resume,
                FleetProgress progress, StopSignal stop) {
        this(settings, install, timing, verifiers, target -> {
            throw new IllegalStateException("no protection service");
        }, journal, resume, progress, stop);
    }

    FleetRunner(Settings settings, HostWork install, Confirmations.Timing timing,
                Function<ApiTarget, RegistrationVerifier> verifiers,
                Function<ApiTarget, ProtectionService> protections, Journal journal, ResumeState resume,
                FleetProgress progress, StopSignal stop) {
        this.protections = protections;
        this.settings = settings;
        this.install = install;
        this.timing = timing;
        this.verifiers = verifiers;
        this.journal = journal;
        this.resume = resume;
        this.progress = progress;
        this.stop = stop;
    }

    /** A profile's protection section, looked up once, with the service that applies it. */
    private record Protection(ProtectionService service, ProtectionPlan spec, ProtectionTargets targets) {
    }

    /** One host's way through the run. */
    private static final class Work {
        final Host host;
        final HostPlan plan;
        final ResumeState.Entry before;
        volatile String hostname;
        volatile long startNanos;
        volatile boolean touched;
        volatile boolean installed;
        /** The agent identity the host reported (after the install, else before it); null when none. */
        volatile AgentIdentity identity;
        /** Already installed (journal or its identity says so): confirm, never install again. */
        volatile boolean confirmOnly;
        /** The cloned identity this run told the host to clear; null when there was none. */
        volatile AgentIdentity resetFrom;
        /** The installer ran in this run and asked for a reboot. */
        volatile boolean rebootRequired;
        volatile HostResult result;

        Work(Host host, HostPlan plan, ResumeState.Entry before) {
            this.host = host;
            this.plan = plan;
            this.before = before;
            this.hostname = host.hostname() != null ? host.hostname() : before.hostname();
        }

        String label() {
            return host.label();
        }

        long elapsedMs() {
            return touched ? (System.nanoTime() - startNanos) / 1_000_000 : 0;
        }

        void touch() {
            if (!touched) {
                startNanos = System.nanoTime();
                touched = true;
            }
        }
    }

    public FleetReport run(List<Host> hosts, Map<String, HostPlan> plans) {
        List<Work> all = new ArrayList<>();
        for (Host host : hosts) {
            all.add(new Work(host, plans.get(host.label()), resume.entry(host.label())));
        }
        progress.total(all.size());
        resolveProtections(all);
        fromJournal(all);
        discoverHostnames(all);
        precheck(all);
        installAndConfirm(all);
        protectConfirmed(all);
        String note = null;
        for (Work w : all) {
            if (w.result == null) {
                w.result = w.installed || w.before.phase() == ResumeState.Phase.INSTALLED ? installedNotConfirmed(w)
                        : failed(w, "start", null, "not started: the run was stopped");
            }
            w.result = w.result.withReboot(w.rebootRequired, w.plan == null ? null : w.plan.shell().route());
        }
        if (stop.isStopped()) {
            long notStarted = all.stream().filter(w -> "start".equals(w.result.step())).count();
            long installed = all.stream().filter(w -> w.result.status() == HostResult.Status.INSTALLED).count();
            long interrupted = all.stream().filter(w -> w.result.status() == HostResult.Status.FAILED
                    && w.result.error() != null && w.result.error().contains("stopped")
                    && !"start".equals(w.result.step())).count();
            long finished = all.size() - notStarted - interrupted - installed;
            note = "stopped: " + finished + " of " + all.size() + " hosts finished, " + installed
                    + " installed but not confirmed yet, " + interrupted + " interrupted, " + notStarted + " not started"
                    + (journal == null ? "" : "; continue with --resume --journal " + journal.file());
        }
        if (journal != null) {
            journal.sync(); // the reports written next never claim more than the journal holds
        }
        progress.end();
        return new FleetReport(all.stream().map(w -> w.result).toList(), note);
    }

    /** API requests sent by the verifiers of this run. */
    public Map<String, RegistrationVerifier> verifiers() {
        return verifierByTarget;
    }

    private static String protectionKey(HostPlan plan) {
        return plan.api().key() + " " + plan.protection();
    }

    /** Looks up each distinct protection section's group and plan once, before any host is touched. */
    private void resolveProtections(List<Work> all) {
        for (Work w : all) {
            ProtectionPlan spec = w.plan.protection();
            if (spec == null || protectionByKey.containsKey(protectionKey(w.plan))) {
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
            protectionByKey.put(protectionKey(w.plan), new Protection(service, spec, targets));
        }
    }

    /**
     * Applies each protection section to all confirmed hosts of its profile at once: newly registered, unchanged
     * and those confirmed in an earlier run (already protected ones change nothing). A host whose protection
     * fails becomes failed at step {@code protect}; it stays confirmed in the journal, so {@code --resume}
     * protects it again without installing.
     */
    private void protectConfirmed(List<Work> all) {
        Map<String, List<Work>> batches = new LinkedHashMap<>();
        for (Work w : all) {
            if (w.result != null && w.result.ok() && w.plan != null && w.plan.protection() != null) {
                batches.computeIfAbsent(protectionKey(w.plan), k -> new ArrayList<>()).add(w);
            }
        }
        for (Map.Entry<String, List<Work>> batch : batches.entrySet()) {
            Protection p = protectionByKey.get(batch.getKey());
            if (stop.isStopped()) {
                batch.getValue().forEach(w -> protectFailed(w, p, null,
                        "confirmed, but not protected: the run was stopped"));
                continue;
            }
            List<Work> known = new ArrayList<>();
            for (Work w : batch.getValue()) {
                if (w.result.resourceId() == null) {
                    protectFailed(w, p, null, "confirmed in an earlier run, but '" + w.hostname
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

    private void protectBatch(Protection p, List<Work> batch) {
        Map<String, Machine> machines = new LinkedHashMap<>();
        for (Work w : batch) {
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
            batch.forEach(w -> protectFailed(w, p, null, reason));
            return;
        }
        report.warnings().forEach(warning -> progress.note("protection: warning: " + warning));
        for (Work w : batch) {
            MachineProtection m = report.machine(w.result.resourceId()).orElse(null);
            if (m == null) {
                protectFailed(w, p, null, "the protection report does not mention resource " + w.result.resourceId());
            } else if (m.failed()) {
                protectFailed(w, p, HostProtection.of(report, m), m.error());
            } else {
                record(w, JournalEvent.PROTECTED, "protect", null, null);
                w.result = withProtection(w.result, w.result.status(), w.result.step(), w.result.error(),
                        HostProtection.of(report, m));
                progress.event(w.label() + ": protected" + (m.changed() ? "" : " (nothing to change)"));
            }
        }
    }

    private void protectFailed(Work w, Protection p, HostProtection outcome, String error) {
        String safe = w.plan.redactor().redact(error);
        record(w, JournalEvent.FAILED, "protect", null, safe);
        HostProtection shown = outcome != null ? outcome : HostProtection.failed(p.spec().group(), p.spec().plan(), safe);
        w.result = withProtection(w.result, HostResult.Status.FAILED, "protect", safe, shown);
        progress.unconfirmed(w.label(), "failed at protect: " + safe);
    }

    private static HostResult withProtection(HostResult r, HostResult.Status status, String step, String error,
                                             HostProtection protection) {
        return new HostResult(r.address(), r.hostname(), status, r.changed(), step, status == HostResult.Status.FAILED
                ? null : r.exitCode(), error, r.resourceId(), r.durationMs(), protection);
    }

    private void fromJournal(List<Work> all) {
        for (Work w : all) {
            if (w.before.phase() == ResumeState.Phase.CONFIRMED) {
                JournalEvent e = w.before.confirmation();
                boolean registered = JournalEvent.REGISTERED.equals(e.event());
                w.result = new HostResult(w.label(), w.hostname, registered ? HostResult.Status.REGISTERED
                        : HostResult.Status.UNCHANGED, registered, e.step(), e.exitCode(), null, null, 0);
                progress.finished(w.label(), true, "already " + e.event() + " (journal)", false);
            }
        }
    }

    private void discoverHostnames(List<Work> all) {
        List<Work> unknown = all.stream().filter(w -> w.result == null && w.hostname == null).toList();
        if (unknown.isEmpty()) {
            return;
        }
        progress.note("asking " + unknown.size() + " host(s) for their names over SSH");
        parallel(unknown, w -> {
            w.touch();
            try {
                w.hostname = install.askHostname(w.host, deadline(w));
            } catch (HostFailure f) {
                fail(w, f.step(), f.exitCode(), f.getMessage(), false);
            } catch (InterruptedException e) {
                fail(w, "hostname", null, "interrupted: the run was stopped", false);
            }
        });
    }

    /**
     * Hosts the journal shows confirmed get their resource id (for protection) by name in one batched query. Every
     * other host is decided by its own agent identity when it is connected ({@link #decide}): a name on the server
     * proves nothing about the machine behind it (a stale record, a template's name, a clone).
     */
    private void precheck(List<Work> all) {
        Map<String, List<Work>> groups = byTarget(all.stream().filter(w -> w.hostname != null
                && w.before.phase() == ResumeState.Phase.CONFIRMED && w.plan.protection() != null).toList());
        for (List<Work> group : groups.values()) {
            ApiTarget target = group.get(0).plan.api();
            Map<String, Registration> found;
            try {
                found = verifier(target).checkOnce(group.stream().map(w -> w.hostname).distinct().toList(),
                        target.requireOnline());
            } catch (CbagentException e) {
                throw new CbagentException(e.exitCode() == ExitCode.INVALID_INPUT ? e.exitCode()
                        : ExitCode.SERVER_UNAVAILABLE, "cannot check the hosts' registrations before installing: "
                        + e.getMessage(), e);
            }
            for (Work w : group) {
                Registration r = found.get(w.hostname);
                if (r == null) {
                    continue;
                }
                if (w.result != null) {
                    w.result = withResource(w.result, r.resourceId());
                    continue;
                }
                boolean ours = w.before.phase() != ResumeState.Phase.NEW;
                String event = ours ? JournalEvent.REGISTERED : JournalEvent.UNCHANGED;
                record(w, event, "verify", null, null);
                w.result = new HostResult(w.label(), w.hostname, ours ? HostResult.Status.REGISTERED
                        : HostResult.Status.UNCHANGED, ours, "verify", null, null, r.resourceId(), w.elapsedMs());
                progress.finished(w.label(), true, ours ? "registered (confirmed, not installed again)"
                        : "unchanged (already registered)", false);
            }
        }
    }

    private void installAndConfirm(List<Work> all) {
        List<Work> earlier = all.stream().filter(w -> w.result == null
                && w.before.phase() == ResumeState.Phase.INSTALLED).toList();
        List<Work> todo = all.stream().filter(w -> w.result == null && w.before.phase() != ResumeState.Phase.INSTALLED)
                .toList();
        if (earlier.isEmpty() && todo.isEmpty()) {
            return;
        }
        Confirmations<Work> confirmations = new Confirmations<>(
                target -> (probes, online) -> checkRound(target, probes, online),
                new Confirmations.Listener<>() {
                    @Override
                    public void confirmed(Work w, Registration r) {
                        // A host found registered by its identity before anything ran is unchanged, unless an
                        // earlier run of this journal installed it.
                        boolean ours = !w.confirmOnly || w.before.phase() != ResumeState.Phase.NEW;
                        record(w, ours ? JournalEvent.REGISTERED : JournalEvent.UNCHANGED, "verify", null, null);
                        w.result = new HostResult(w.label(), w.hostname, ours ? HostResult.Status.REGISTERED
                                : HostResult.Status.UNCHANGED, ours, "verify", null, null, r.resourceId(), w.elapsedMs());
                        progress.confirmed(w.label());
                        progress.event(w.label() + ": " + (ours ? "registered" : "unchanged (already registered)")
                                + " as " + r.name() + " (resource " + r.resourceId() + ", by " + r.foundBy() + ")");
                    }

                    @Override
                    public void expired(Work w, String reason) {
                        fail(w, "verify", null, "installed, but the management server did not confirm '" + w.hostname
                                + "' within " + WaitProgress.compact(w.plan.api().timeout()) + ": " + reason, false);
                    }
                }, timing);
        try {
            for (Work w : earlier) {
                w.installed = true;
                progress.finished(w.label(), true, "installed in an earlier run; to be confirmed", false);
                progress.awaiting(w.label());
                // Installed in an earlier run: by the id it reported then, else (an older journal) by name.
                AgentIdentity earlierId = resume.instanceId(w.label()).map(id -> new AgentIdentity(id, null)).orElse(null);
                w.identity = earlierId;
                confirmations.add(w, new Confirmations.Probe(w.hostname, earlierId), w.plan.api());
            }
            if (!todo.isEmpty()) {
                progress.note("installing on " + todo.size() + " host(s), " + Math.min(settings.parallel(), todo.size())
                        + " at a time; each is confirmed through the API as soon as it is installed");
                parallel(todo, w -> {
                    installOne(w);
                    if ((w.installed || w.confirmOnly) && w.result == null) {
                        if (!w.installed) {
                            progress.finished(w.label(), true, "has an agent identity: to be confirmed by id", true);
                        }
                        progress.awaiting(w.label());
                        confirmations.add(w, new Confirmations.Probe(w.hostname, w.identity), w.plan.api());
                    }
                });
            }
            confirmations.installsFinished();
            stop.onStop(confirmations::close);
            if (!stop.isStopped()) {
                confirmations.await();
            }
        } catch (InterruptedException e) {
            stop.stop();
            Thread.currentThread().interrupt();
        } finally {
            for (Work w : confirmations.stop()) {
                w.result = installedNotConfirmed(w);
            }
        }
    }

    private void installOne(Work w) {
        w.touch();
        progress.started();
        record(w, JournalEvent.STARTED, "connect", null, null);
        try {
            HostWork.Outcome outcome = install.install(w.host, w.plan, deadline(w), new HostWork.Listener() {
                @Override
                public void uploaded(boolean skipped) {
                    record(w, JournalEvent.UPLOADED, "upload", null,
                            skipped ? "skipped: the same installer (SHA-256) is already on the host" : null);
                }

                @Override
                public HostWork.Decision proceed(LocalAgent before) {
                    return decide(w, before);
                }
            });
            if (!outcome.ran()) {
                return;
            }
            LocalAgent after = outcome.after();
            w.rebootRequired = outcome.rebootRequired();
            // The id goes into the journal, so a resumed run confirms this host by id, not by its name.
            if (journal != null) {
                journal.append(w.label(), w.hostname, JournalEvent.INSTALLED, "install",
                        outcome.exitCode() == null ? 0 : outcome.exitCode(), null,
                        after.known().map(AgentIdentity::instanceId).orElse(null));
            }
            w.installed = true;
            if (w.resetFrom != null && after.known().filter(id -> id.sameInstance(w.resetFrom.instanceId())).isPresent()) {
                fail(w, "identity", null, "the cloned agent identity " + w.resetFrom.instanceId() + " was not cleared "
                        + "on the host, so it is not counted as a new registration", true);
                return;
            }
            if (after.state() == LocalAgent.State.IDENTIFIED) {
                Work other = claim(after.identity(), w);
                if (other != null) {
                    fail(w, "identity", null, "installed, but the host reports the agent InstanceID "
                            + after.identity().instanceId() + " that " + other.label() + " reports too (a cloned image?); "
                            + "it is not counted as registered", true);
                    return;
                }
                w.identity = after.identity();
            }
            progress.finished(w.label(), true, outcome.rebootRequired() ? "installed (exit " + outcome.exitCode()
                    + ": a reboot is pending)" : "installed (exit 0)", true);
        } catch (HostFailure f) {
            fail(w, f.step(), f.exitCode(), f.getMessage(), true);
            if (f.output() != null) {
                w.result = w.result.withOutput(w.plan.redactor().redact(f.output()));
            }
        } catch (InterruptedException e) {
            fail(w, "install", null, "interrupted: the run was stopped", true);
        } catch (RuntimeException e) {
            fail(w, "install", null, "unexpected error: " + w.plan.redactor().redact(String.valueOf(e)), true);
        }
    }

    /**
     * Whether to install on a host, from the agent identity it reported (DESIGN "Idempotency"): a host whose
     * InstanceID is a live machine of its own name is registered (confirmed by id, never installed again); an id
     * that is another host's machine is a clone (failed at step {@code identity}); an unknown or deleted id is a
     * leftover, so it installs — unless the journal shows it started in an earlier run, when the id may be the new
     * registration the server does not show yet: then it is only confirmed, so no host registers twice.
     */
    private HostWork.Decision decide(Work w, LocalAgent before) {
        if (before.state() == LocalAgent.State.UNREADABLE) {
            progress.note(w.label() + ": warning: cannot read the host's agent identity (" + before.problem()
                    + "); installing, and confirming by what the host reports afterwards");
        }
        if (before.state() != LocalAgent.State.IDENTIFIED) {
            return w.before.phase() == ResumeState.Phase.STARTED && before.state() != LocalAgent.State.NOT_INSTALLED
                    ? afterInterruptedInstall(w) : HostWork.Decision.INSTALL;
        }
        AgentIdentity identity = before.identity();
        IdentityVerdict verdict;
        try {
            verdict = IdentityVerdict.of(identity, w.hostname, finder(w.plan.api()).byId(identity.instanceId()));
        } catch (CbagentException e) {
            fail(w, "identity", null, "cannot look up the host's agent identity " + identity.instanceId() + ": "
                    + e.getMessage(), true);
            return HostWork.Decision.SKIP;
        }
        switch (verdict.kind()) {
            case REGISTERED -> {
                Work other = claim(identity, w);
                if (other != null) {
                    fail(w, "identity", null, "reports the agent InstanceID " + identity.instanceId() + " that "
                            + other.label() + " reports too (a cloned image?); nothing was changed", true);
                    return HostWork.Decision.SKIP;
                }
                w.identity = identity;
                w.confirmOnly = true;
                return HostWork.Decision.SKIP;
            }
            case CLONE -> {
                if (w.plan.identity().reset()) {
                    w.resetFrom = identity;
                    progress.note(w.label() + ": " + verdict.reason() + "; registration.identity is reset: clearing it, "
                            + "restarting the agent service and registering as a new machine");
                    return HostWork.Decision.RESET_AND_INSTALL;
                }
                fail(w, "identity", null, verdict.reason() + ": " + w.hostname + " was probably cloned from "
                        + verdict.machine().name() + "'s image; nothing was changed (registration.identity: reset "
                        + "registers it as a new machine)", true);
                return HostWork.Decision.SKIP;
            }
            default -> {
                // Only a 404 may be a registration the server does not show yet; a deleted or foreign record is not.
                if (w.before.phase() == ResumeState.Phase.STARTED && verdict.machine() == null) {
                    Work other = claim(identity, w);
                    if (other == null) {
                        w.identity = identity;
                        w.confirmOnly = true;
                        progress.note(w.label() + ": started in an earlier run and has agent InstanceID "
                                + identity.instanceId() + ": confirming it before installing anything");
                        return HostWork.Decision.SKIP;
                    }
                }
                return HostWork.Decision.INSTALL;
            }
        }
    }

    /**
     * A host that started installing in an earlier run, has an agent now, but no agent identity: the installer was
     * stopped (the run was killed, the session dropped) after it may have registered the machine and before the agent
     * wrote its identity. Installing blindly would register a second machine, so the server is asked by name, as
     * DESIGN "Verifying a registration" does when no identity can be read: one live machine of this name created or
     * updated since the earlier start is that registration (confirmed by its id, never installed again); two or more
     * are a conflict (failed at step {@code identity}, nothing changed); none means it never registered: install.
     */
    private HostWork.Decision afterInterruptedInstall(Work w) {
        // A server lists a new machine a little after registering it; the earlier run ended before this one started,
        // so asking until EARLIER_REGISTRATION_SHOWS after this run's start sees a registration it made in time.
        Duration left = Duration.between(Instant.now(), startedAt.plus(EARLIER_REGISTRATION_SHOWS));
        if (!left.isNegative() && !left.isZero()) {
            progress.note(w.label() + ": started in an earlier run and has no agent identity: asking the management "
                    + "server for up to " + dev.cbagent.api.WaitProgress.compact(left) + " whether that run registered it");
        }
        ThisMachine.After earlier;
        try {
            earlier = new ThisMachine(finder(w.plan.api()), w.hostname, java.time.Clock.systemUTC(),
                    d -> Thread.sleep(d.toMillis()), PollSettings.standard())
                    .confirm(() -> LocalAgent.notInstalled("the earlier run"), w.before.started(), false,
                            left.isNegative() ? Duration.ZERO : left);
        } catch (CbagentException e) {
            fail(w, "identity", null, stop.isStopped() ? "interrupted: the run was stopped"
                    : "started in an earlier run and has no agent identity; cannot ask the management server whether "
                    + "that run registered it: " + e.getMessage(), true);
            return HostWork.Decision.SKIP;
        }
        if (!earlier.conflict().isEmpty()) {
            fail(w, "identity", null, "started in an earlier run and has no agent identity; " + earlier.reason()
                    + "; nothing was changed (remove the surplus records, then run again)", true);
            return HostWork.Decision.SKIP;
        }
        if (!earlier.confirmed()) {
            return HostWork.Decision.INSTALL;
        }
        Registration r = earlier.registration();
        AgentIdentity identity = new AgentIdentity(r.resourceId(), r.agentId());
        Work other = claim(identity, w);
        if (other != null) {
            fail(w, "identity", null, "started in an earlier run and has no agent identity; the machine '"
                    + UntrustedText.printable(r.name()) + "' (resource " + UntrustedText.printable(r.resourceId())
                    + ") registered since then is reported by " + other.label() + " too; nothing was changed", true);
            return HostWork.Decision.SKIP;
        }
        w.identity = identity;
        w.confirmOnly = true;
        progress.note(w.label() + ": started in an earlier run and has no agent identity, but the management server "
                + "lists '" + UntrustedText.printable(r.name()) + "' (resource " + UntrustedText.printable(r.resourceId())
                + ") registered since then: confirming it instead of installing again (that would register a second "
                + "machine)");
        return HostWork.Decision.SKIP;
    }

    /** Records that a host reports an InstanceID; the host that reported it first, when it is another one. */
    private Work claim(AgentIdentity identity, Work w) {
        Work first = claims.putIfAbsent(identity.instanceId().toLowerCase(java.util.Locale.ROOT), w);
        return first == null || first == w ? null : first;
    }

    /** One confirmation round for one server: hosts with an identity by id ({@code id=or(...)}), the rest by name. */
    private VerificationOutcome checkRound(ApiTarget target, java.util.Collection<Confirmations.Probe> probes,
                                           boolean online) {
        Map<String, Registration> confirmed = new LinkedHashMap<>();
        Map<String, String> pending = new LinkedHashMap<>();
        List<Confirmations.Probe> byId = probes.stream().filter(p -> p.identity() != null).toList();
        MachineFinder finder = finder(target);
        for (int from = 0; from < byId.size(); from += IDS_PER_QUERY) {
            List<Confirmations.Probe> chunk = byId.subList(from, Math.min(byId.size(), from + IDS_PER_QUERY));
            Map<String, MachineResource> found = finder.byIds(chunk.stream().map(p -> p.identity().instanceId()).toList());
            for (Confirmations.Probe p : chunk) {
                IdentityVerdict verdict = IdentityVerdict.of(p.identity(), p.hostname(), java.util.Optional.ofNullable(
                        found.get(p.identity().instanceId().toLowerCase(java.util.Locale.ROOT))));
                if (verdict.kind() == IdentityVerdict.Kind.REGISTERED && (!online || verdict.machine().online())) {
                    confirmed.put(p.key(), verdict.toRegistration(p.hostname(), Registration.BY_ID));
                } else {
                    pending.put(p.key(), verdict.reason());
                }
            }
        }
        List<String> names = probes.stream().filter(p -> p.identity() == null).map(Confirmations.Probe::hostname)
                .distinct().toList();
        if (!names.isEmpty()) {
            VerificationOutcome byName = verifier(target).awaitOutcome(names, online, Duration.ZERO);
            byName.confirmed().forEach((name, r) -> confirmed.put("name:" + name, r));
            byName.pending().forEach((name, why) -> pending.put("name:" + name, why));
        }
        return new VerificationOutcome(confirmed, pending);
    }

    private MachineFinder finder(ApiTarget target) {
        return new MachineFinder(verifier(target).api(), PollSettings.standard());
    }

    private void parallel(List<Work> work, java.util.function.Consumer<Work> job) {
        int slots = Math.max(1, Math.min(settings.parallel(), work.size()));
        ExecutorService pool = Executors.newFixedThreadPool(slots, daemonThreads());
        stop.onStop(pool::shutdownNow);
        FirstWave firstWave = new FirstWave(slots, FirstWave.SPREAD, stop.sleeper());
        for (Work w : work) {
            pool.execute(() -> {
                if (firstWave.awaitTurn() && !stop.isStopped()) {
                    job.accept(w);
                }
            });
        }
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // the stop listener interrupts the workers; they finish their bookkeeping and end
            }
        } catch (InterruptedException e) {
            stop.stop();
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "fleet-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private Instant deadline(Work w) {
        Duration budget = settings.hostTimeout() != null ? settings.hostTimeout()
                : w.plan.step().timeout().plus(Duration.ofMinutes(5));
        return Instant.now().plus(budget);
    }

    private Map<String, List<Work>> byTarget(List<Work> work) {
        Map<String, List<Work>> groups = new LinkedHashMap<>();
        for (Work w : work) {
            groups.computeIfAbsent(w.plan.api().key(), k -> new ArrayList<>()).add(w);
        }
        return groups;
    }

    private synchronized RegistrationVerifier verifier(ApiTarget target) {
        return verifierByTarget.computeIfAbsent(target.key(), k -> verifiers.apply(target));
    }

    private void fail(Work w, String step, Integer exitCode, String error, boolean wasRunning) {
        String safe = w.plan.redactor().redact(error);
        record(w, JournalEvent.FAILED, step, exitCode, safe);
        w.result = failed(w, step, exitCode, safe);
        String what = "failed at " + step + (exitCode == null ? "" : " (exit " + exitCode + ")") + ": " + safe;
        if (w.installed) {
            progress.unconfirmed(w.label(), what);
        } else {
            progress.finished(w.label(), false, what, wasRunning);
        }
    }

    /** A stopped run's host that is installed (now or earlier) but not confirmed yet: --resume only confirms it. */
    private static HostResult installedNotConfirmed(Work w) {
        return new HostResult(w.label(), w.hostname, HostResult.Status.INSTALLED, true, "verify", null,
                "installed, not confirmed yet: the run was stopped (--resume confirms it without installing again)",
                null, w.elapsedMs());
    }

    private static HostResult failed(Work w, String step, Integer exitCode, String error) {
        // The host changed once its installer ran (even if it then failed) or its cloned identity was cleared.
        boolean changed = w.installed || w.resetFrom != null || "install".equals(step);
        return new HostResult(w.label(), w.hostname, HostResult.Status.FAILED, changed, step, exitCode,
                w.plan.redactor().redact(error), null, w.elapsedMs());
    }

    private static HostResult withResource(HostResult r, String resourceId) {
        return new HostResult(r.address(), r.hostname(), r.status(), r.changed(), r.step(), r.exitCode(), r.error(),
                resourceId, r.durationMs());
    }

    /**
     * A {@code started} event is on disk before the host is connected to (so a crash never hides a host that may
     * be installing); the others go with the journal's next batch ({@link Journal#appendSoon}).
     */
    private void record(Work w, String event, String step, Integer exitCode, String error) {
        if (journal == null) {
            return;
        }
        if (JournalEvent.STARTED.equals(event)) {
            journal.append(w.label(), w.hostname, event, step, exitCode, error);
        } else {
            journal.appendSoon(w.label(), w.hostname, event, step, exitCode, error);
        }
    }
}
