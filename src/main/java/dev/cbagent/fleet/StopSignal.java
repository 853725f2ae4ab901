package dev.cbagent.fleet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Tells a run to stop (Ctrl-C): no new host starts, and whoever registered to hear it interrupts running work. */
public final class StopSignal {
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            listeners.forEach(Runnable::run);
        }
    }

    public boolean isStopped() {
        return stopped.get();
    }

    /** Waits like {@link dev.cbagent.api.Sleeper#system()}, but gives up (interrupted) soon after a stop. */
    public dev.cbagent.api.Sleeper sleeper() {
        return duration -> {
            long end = System.nanoTime() + duration.toNanos();
            while (true) {
                if (isStopped()) {
                    throw new InterruptedException("the run was stopped");
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                Thread.sleep(Math.min(200, Math.max(1, left / 1_000_000)));
            }
        };
    }

    void onStop(Runnable listener) {
        listeners.add(listener);
        if (stopped.get()) {
            listener.run();
        }
    }
}
