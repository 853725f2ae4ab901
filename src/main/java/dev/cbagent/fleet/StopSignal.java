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

    void onStop(Runnable listener) {
        listeners.add(listener);
        if (stopped.get()) {
            listener.run();
        }
    }
}
