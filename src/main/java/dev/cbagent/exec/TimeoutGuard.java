package dev.cbagent.exec;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.exec.ProcessDestroyer;

/**
 * Learns the started process from Commons Exec (as its {@link ProcessDestroyer}) and kills its whole tree when the
 * timeout passes. Commons Exec's own watchdog would only kill the direct child.
 */
final class TimeoutGuard implements ProcessDestroyer, AutoCloseable {
    private final Duration timeout;
    private final ProcessTreeKiller killer;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private volatile Process process;
    private volatile Thread watcher;

    TimeoutGuard(Duration timeout, ProcessTreeKiller killer) {
        this.timeout = timeout;
        this.killer = killer;
    }

    @Override
    public boolean add(Process started) {
        process = started;
        Thread thread = new Thread(() -> watch(started), "cbagent-timeout-" + started.pid());
        thread.setDaemon(true);
        watcher = thread;
        thread.start();
        return true;
    }

    private void watch(Process started) {
        try {
            if (!started.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                timedOut.set(true);
                killer.killTree(started.toHandle());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean remove(Process finished) {
        return true;
    }

    @Override
    public int size() {
        return process == null ? 0 : 1;
    }

    boolean started() {
        return process != null;
    }

    boolean timedOut() {
        return timedOut.get();
    }

    /** The exit code of the started process, waiting for it if needed. */
    int exitValue() throws InterruptedException {
        return process.waitFor();
    }

    /** Stops watching; waits for a kill already under way so the result never races it. */
    @Override
    public void close() throws InterruptedException {
        Thread thread = watcher;
        if (thread == null) {
            return;
        }
        if (!timedOut.get()) {
            thread.interrupt();
        }
        thread.join();
    }
}
