package dev.cbagent.protect;

import dev.cbagent.api.Sleeper;
import dev.cbagent.api.WaitProgress;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Repeats a check with doubling waits until it says done or the deadline passes; always checks at least once. */
final class Poller {
    private final Clock clock;
    private final Sleeper sleeper;
    private final ProtectionTimings timings;
    private final WaitProgress progress;

    Poller(Clock clock, Sleeper sleeper, ProtectionTimings timings, WaitProgress progress) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.timings = timings;
        this.progress = progress;
    }

    /** True when {@code check} said done before {@code timeout} ran out; {@code what} names it in progress lines. */
    boolean until(Duration timeout, String what, BooleanSupplier check) {
        Instant deadline = clock.instant().plus(timeout);
        Sleeper waiting = progress.during(what, timeout, sleeper);
        Duration delay = timings.firstDelay();
        Duration slept = Duration.ZERO;
        while (true) {
            if (check.getAsBoolean()) {
                return true;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero() || slept.compareTo(timeout) >= 0) {
                return false;
            }
            Duration wait = delay.compareTo(left) < 0 ? delay : left;
            pause(waiting, wait);
            slept = slept.plus(wait);
            Duration doubled = delay.isZero() ? Duration.ofMillis(1) : delay.multipliedBy(2);
            delay = doubled.compareTo(timings.maxDelay()) > 0 ? timings.maxDelay() : doubled;
        }
    }

    private static void pause(Sleeper waiting, Duration wait) {
        try {
            waiting.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CbagentException(ExitCode.INTERNAL, "interrupted while waiting for the management server", e);
        }
    }
}
