package dev.cbagent.fleet;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress on stderr: on a terminal, one status line redrawn in place with event lines above it; otherwise one
 * plain line per event. Counts hosts done (installed or confirmed), failed and running, with the rate and an ETA.
 */
public final class FleetProgress {
    private final PrintWriter err;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private int total;
    private int done;
    private int failed;
    private int running;
    private int finishedHere;
    private boolean statusShown;

    public FleetProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    synchronized void total(int hosts) {
        total = hosts;
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

    /** A host counted as done when it installed failed its confirmation after all. */
    synchronized void unconfirmed(String host, String what) {
        done--;
        failed++;
        event(host + ": " + what);
    }

    /** A line of its own (a phase starting, a warning). */
    public synchronized void note(String text) {
        clearStatus();
        err.println(text);
        err.flush();
        redraw();
    }

    synchronized void event(String text) {
        if (terminal) {
            clearStatus();
            err.println(text);
            redraw();
        } else {
            err.println(String.format(Locale.ROOT, "[%d/%d] %s | %s", done + failed, total, text, status()));
        }
        err.flush();
    }

    synchronized void end() {
        clearStatus();
        err.flush();
    }

    synchronized String status() {
        double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
        double rate = finishedHere / seconds;
        int left = total - done - failed;
        String eta = rate > 0 ? format(Duration.ofSeconds(Math.round(left / rate))) : "?";
        return String.format(Locale.ROOT, "done %d, failed %d, running %d of %d | %.1f hosts/s | ETA %s",
                done, failed, running, total, rate, eta);
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

    static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? s / 3600 + "h" + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }
}
