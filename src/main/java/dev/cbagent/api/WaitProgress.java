package dev.cbagent.api;

import dev.cbagent.text.Durations;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * Says what a long wait is waiting for, how long it has waited and until when, so that a poll of up to
 * {@code verify.timeout} never looks like a hang. Every wait of cbagent (confirmation, removal, deployment and run
 * of a protection plan) sleeps through {@link #during}, and speaks at the {@link ProgressCadence}: nothing during the
 * first 10 s, then a line every 10 s on a terminal, and at most one per 30 s otherwise.
 */
public final class WaitProgress {
    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Consumer<String> sink;
    private final Clock clock;
    private final ProgressCadence cadence;

    /**
     * @param sink     receives one line per report (stderr in the CLI); null reports nothing
     * @param terminal whether a person watches the lines as they come (a line every 10 s, else every 30 s)
     */
    public WaitProgress(Consumer<String> sink, Clock clock, boolean terminal) {
        this.sink = sink;
        this.clock = clock;
        this.cadence = ProgressCadence.of(terminal);
    }

    /** Reports to {@code err}, by the system clock. */
    public static WaitProgress to(PrintWriter err, boolean terminal) {
        return new WaitProgress(line -> {
            err.println(line);
            err.flush();
        }, Clock.systemUTC(), terminal);
    }

    /** Reports nothing. */
    public static WaitProgress silent() {
        return new WaitProgress(null, Clock.systemUTC(), false);
    }

    /**
     * A wait for {@code what} (e.g. "the management server to confirm web-01") that starts now and ends at the
     * latest after {@code timeout}: the returned sleeper waits through {@code sleeper} in slices and reports between
     * them when a line is due.
     */
    public Sleeper during(String what, Duration timeout, Sleeper sleeper) {
        if (sink == null) {
            return sleeper;
        }
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        Instant[] due = {start.plus(cadence.quiet())};
        return duration -> {
            Duration left = duration;
            while (left.compareTo(Duration.ZERO) > 0) {
                Duration untilDue = Duration.between(clock.instant(), due[0]);
                Duration slice = untilDue.compareTo(Duration.ZERO) > 0 && untilDue.compareTo(left) < 0 ? untilDue : left;
                sleeper.sleep(slice);
                left = left.minus(slice);
                Instant now = clock.instant();
                if (!now.isBefore(due[0])) {
                    sink.accept(line(what, Duration.between(start, now), timeout, deadline));
                    due[0] = now.plus(cadence.every());
                }
            }
        };
    }

    private static String line(String what, Duration elapsed, Duration timeout, Instant deadline) {
        return "waiting for " + what + ": " + Durations.seconds(elapsed) + " of " + Durations.seconds(timeout) + " elapsed, deadline "
                + DEADLINE.format(deadline);
    }
}
