package dev.cbagent.fleet;

import java.time.Duration;
import java.util.List;

/** Asks the hosts the list names without a {@code hostname} for their own name over SSH, in parallel. */
final class HostnameDiscovery {
    private final HostWork work;
    private final HostPool pool;
    private final RunRecorder recorder;
    private final FleetProgress progress;
    private final Duration hostTimeout;

    /** @param hostTimeout time for one host's SSH work; null: its installer timeout plus 5 minutes */
    HostnameDiscovery(HostWork work, HostPool pool, RunRecorder recorder, FleetProgress progress, Duration hostTimeout) {
        this.work = work;
        this.pool = pool;
        this.recorder = recorder;
        this.progress = progress;
        this.hostTimeout = hostTimeout;
    }

    void discover(List<HostRun> all) {
        List<HostRun> unknown = all.stream().filter(w -> w.result == null && w.hostname == null).toList();
        if (unknown.isEmpty()) {
            return;
        }
        progress.note("asking " + unknown.size() + " host(s) for their names over SSH");
        pool.each(unknown, w -> {
            w.touch();
            try {
                w.hostname = work.askHostname(w.host, w.deadline(hostTimeout));
            } catch (HostFailure f) {
                recorder.fail(w, HostStep.of(f.step()), f.exitCode(), f.getMessage(), false);
            } catch (InterruptedException e) {
                recorder.fail(w, HostStep.HOSTNAME, null, "interrupted: the run was stopped", false);
            }
        });
    }
}
