package dev.cbagent.fleet;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Works on at most {@code parallel} hosts at a time, the first of them started spread over {@link FirstWave#SPREAD};
 * a stop interrupts the workers and starts no new host.
 */
final class HostPool {
    private final int parallel;
    private final StopSignal stop;

    HostPool(int parallel, StopSignal stop) {
        this.parallel = parallel;
        this.stop = stop;
    }

    int size(int hosts) {
        return Math.max(1, Math.min(parallel, hosts));
    }

    /** Runs {@code job} for every host and returns when all are done (or the run was stopped and they ended). */
    void each(List<HostRun> work, Consumer<HostRun> job) {
        int slots = size(work.size());
        ExecutorService pool = Executors.newFixedThreadPool(slots, daemonThreads());
        stop.onStop(pool::shutdownNow);
        FirstWave firstWave = new FirstWave(slots, FirstWave.SPREAD, stop.sleeper());
        for (HostRun w : work) {
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

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "fleet-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
