package dev.cbagent.fleet;

import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.platform.identity.AgentIdentity;
import dev.cbagent.protect.ProtectionService;
import dev.cbagent.verify.RegistrationVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a fleet: hosts confirmed by the journal are left alone ({@link JournalResume}); hosts without a name are
 * asked for it ({@link HostnameDiscovery}); the rest are enrolled over SSH ({@link HostEnrolment}), at most
 * {@code parallel} at a time, each within its own deadline; meanwhile one confirming thread polls, per management
 * server, all hosts installed so far together ({@link Confirmations}, {@link ConfirmationRounds}), so the run ends
 * shortly after the last install rather than a whole verification later. A profile's {@code protection:} section
 * is looked up before anything is installed and applied at the end to all confirmed hosts of that profile in one
 * batch ({@link FleetProtection}).
 */
public final class FleetRunner {
    /**
     * @param parallel    hosts worked on at once
     * @param hostTimeout time for one host's SSH work; null: its installer timeout plus 5 minutes
     * @param upload      when to copy the installer
     */
    public record Settings(int parallel, Duration hostTimeout, UploadMode upload) {
    }

    private final Confirmations.Timing timing;
    private final ResumeState resume;
    private final FleetProgress progress;
    private final StopSignal stop;
    private final RunRecorder recorder;
    private final ConfirmationRounds rounds;
    private final FleetProtection protection;
    private final HostPool pool;
    private final JournalResume journalResume;
    private final HostnameDiscovery discovery;
    private final HostConfirmation confirmation;
    private final HostEnrolment enrolment;

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
        this.timing = timing;
        this.resume = resume;
        this.progress = progress;
        this.stop = stop;
        this.recorder = new RunRecorder(journal, progress);
        this.rounds = new ConfirmationRounds(verifiers);
        this.protection = new FleetProtection(protections, recorder, progress, stop);
        this.pool = new HostPool(settings.parallel(), stop);
        this.journalResume = new JournalResume(rounds, recorder, progress);
        this.discovery = new HostnameDiscovery(install, pool, recorder, progress, settings.hostTimeout());
        this.confirmation = new HostConfirmation(recorder, progress, protection);
        this.enrolment = new HostEnrolment(install, recorder, progress, rounds, confirmation, stop,
                settings.hostTimeout());
    }

    public FleetReport run(List<Host> hosts, Map<String, HostPlan> plans) {
        List<HostRun> all = new ArrayList<>();
        for (Host host : hosts) {
            all.add(new HostRun(host, plans.get(host.label()), resume.entry(host.label())));
        }
        progress.total(all.size());
        protection.resolve(all);
        journalResume.confirmedEarlier(all);
        discovery.discover(all);
        journalResume.resourceIds(all);
        // Confirmed by the journal: nothing to enrol, only the protection to apply.
        all.stream().filter(w -> w.result != null && w.result.ok()).forEach(protection::protect);
        installAndConfirm(all);
        protection.protectQueued(all);
        for (HostRun w : all) {
            if (w.result == null) {
                w.result = w.installedNotConfirmed() ? HostResults.installedNotConfirmed(w) : HostResults.notStarted(w);
            }
            w.result = HostResults.finished(w);
        }
        String note = stop.isStopped() ? stoppedNote(all) : null;
        recorder.sync();
        progress.end();
        return new FleetReport(all.stream().map(w -> w.result).toList(), note);
    }

    /** API requests sent by the verifiers of this run. */
    public Map<String, RegistrationVerifier> verifiers() {
        return rounds.verifiers();
    }

    private String stoppedNote(List<HostRun> all) {
        long notStarted = all.stream().filter(w -> HostResults.notStarted(w.result)).count();
        long installed = all.stream().filter(w -> w.result.status() == HostResult.Status.INSTALLED).count();
        long interrupted = all.stream().filter(w -> w.result.status() == HostResult.Status.FAILED
                && w.result.error() != null && w.result.error().contains("stopped")
                && !HostResults.notStarted(w.result)).count();
        long finished = all.size() - notStarted - interrupted - installed;
        return "stopped: " + finished + " of " + all.size() + " hosts finished, " + installed
                + " installed but not confirmed yet, " + interrupted + " interrupted, " + notStarted + " not started"
                + recorder.resumeHint();
    }

    /**
     * Installs the hosts still to do and confirms them, with those installed in an earlier run, as they come: one
     * confirming thread, batched rounds per server.
     */
    private void installAndConfirm(List<HostRun> all) {
        List<HostRun> earlier = all.stream().filter(w -> w.result == null
                && w.before.phase() == ResumeState.Phase.INSTALLED).toList();
        List<HostRun> todo = all.stream().filter(w -> w.result == null
                && w.before.phase() != ResumeState.Phase.INSTALLED).toList();
        if (earlier.isEmpty() && todo.isEmpty()) {
            return;
        }
        RoundConfirmer confirmer = new RoundConfirmer(rounds, timing);
        try {
            for (HostRun w : earlier) {
                confirmation.installedEarlier(w,
                        resume.instanceId(w.label()).map(id -> new AgentIdentity(id, null)).orElse(null), confirmer);
            }
            if (!todo.isEmpty()) {
                progress.note("installing on " + todo.size() + " host(s), " + pool.size(todo.size())
                        + " at a time; each is confirmed through the API as soon as it is installed");
                pool.each(todo, w -> enrolment.enrol(w, confirmer));
            }
            confirmer.installsFinished();
            stop.onStop(confirmer::close);
            if (!stop.isStopped()) {
                confirmer.await();
            }
        } catch (InterruptedException e) {
            stop.stop();
            Thread.currentThread().interrupt();
        } finally {
            for (HostRun w : confirmer.stop()) {
                w.result = HostResults.installedNotConfirmed(w);
            }
        }
    }
}
