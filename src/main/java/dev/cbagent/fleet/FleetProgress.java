package dev.cbagent.fleet;

import dev.cbagent.api.ProgressCadence;
import dev.cbagent.text.Durations;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress on stderr: on a terminal, one status line redrawn in place every second with event lines above it;
 * otherwise one plain line per event. Counts hosts done (installed or confirmed), failed, running and waiting for
 * confirmation (installed, not confirmed yet), with the rate, an ETA for the installs and the time elapsed. While
 * nothing else is printed off a terminal, a status line follows at the single-machine waits' cadence
 * ({@link ProgressCadence}: one per 30 s), so a long wait never looks like a hang nor floods a CI log.
 */
public final class FleetProgress implements AutoCloseable {
    private static final long REDRAW_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final PrintWriter err;
    private final boolean terminal;
    private final long heartbeatNanos;
    private final long startNanos = System.nanoTime();
    private final Set<String> waiting = new LinkedHashSet<>();
    private int total;
    private int done;
    private int failed;
    private int running;
    private int finishedHere;
    private boolean statusShown;
    private long lastLineNanos = System.nanoTime();
    private ScheduledExecutorService ticker;

    public FleetProgress(PrintWriter err, boolean terminal) {
        this(err, terminal, ProgressCadence.of(terminal).every());
    }

    FleetProgress(PrintWriter err, boolean terminal, Duration heartbeat) {
        this.err = err;
        this.terminal = terminal;
        this.heartbeatNanos = heartbeat.toNanos();
    }

    synchronized void total(int hosts) {
        total = hosts;
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fleet-progress");
                t.setDaemon(true);
                return t;
            });
            long period = terminal ? REDRAW_NANOS : Math.max(1, Math.min(REDRAW_NANOS, heartbeatNanos / 4));
            ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void tick() {
        if (terminal) {
            redraw();
        } else if (System.nanoTime() - lastLineNanos >= heartbeatNanos) {
            line(String.format(Locale.ROOT, "[%d/%d] %s", done + failed, total, status()));
        }
    }

    synchronized void started() {
        running++;
        redraw();
    }

    /** A host reached a final state of the install phase (ok: installed or confirmed). */
    synchronized void finished(String host, boolean ok, String what, boolean wasRunning) {
        if (wasRunning) {
            running--;
            finishedHere++;
        }
        if (ok) {
            done++;
        } else {
            failed++;
        }
        event(host + ": " + what);
    }

    /** A host is installed (or known to have an agent) and waits for the management server's confirmation. */
    synchronized void awaiting(String host) {
        waiting.add(host);
        redraw();
    }

    /** A waiting host was confirmed. */
    synchronized void confirmed(String host) {
        waiting.remove(host);
    }

    /** A host counted as done when it installed failed its confirmation after all. */
    synchronized void unconfirmed(String host, String what) {
        waiting.remove(host);
        done--;
        failed++;
        event(host + ": " + what);
    }

    /** A line of its own (a phase starting, a warning). */
    public synchronized void note(String text) {
        clearStatus();
        err.println(text);
        err.flush();
        lastLineNanos = System.nanoTime();
        redraw();
    }

    synchronized void event(String text) {
        if (terminal) {
            clearStatus();
            err.println(text);
            lastLineNanos = System.nanoTime();
            redraw();
        } else {
            line(String.format(Locale.ROOT, "[%d/%d] %s | %s", done + failed, total, text, status()));
        }
        err.flush();
    }

    private void line(String text) {
        err.println(text);
        err.flush();
        lastLineNanos = System.nanoTime();
    }

    synchronized void end() {
        stopTicker();
        clearStatus();
        err.flush();
    }

    @Override
    public synchronized void close() {
        stopTicker();
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    /** How long a quiet stretch off a terminal lasts before a status line. */
    Duration heartbeat() {
        return Duration.ofNanos(heartbeatNanos);
    }

    synchronized String status() {
        double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
        double rate = finishedHere / seconds;
        int left = total - done - failed;
        String eta;
        if (left > 0) {
            eta = "ETA " + (rate > 0 ? Durations.seconds(Duration.ofSeconds(Math.round(left / rate))) : "?");
        } else if (!waiting.isEmpty()) {
            eta = "installs done, " + waiting.size() + " waiting for confirmation";
        } else {
            eta = "ETA 0s";
        }
        return String.format(Locale.ROOT, "done %d, failed %d, running %d of %d, waiting for confirmation %d "
                + "| %.1f hosts/s | %s | %s elapsed", done, failed, running, total, waiting.size(), rate, eta,
                Durations.seconds(Duration.ofNanos(System.nanoTime() - startNanos)));
    }

    private void redraw() {
        if (terminal) {
            err.print("\r\033[K" + status());
            err.flush();
            statusShown = true;
        }
    }

    private void clearStatus() {
        if (terminal && statusShown) {
            err.print("\r\033[K");
            statusShown = false;
        }
    }
}
