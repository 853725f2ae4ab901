package dev.cbagent.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Asks again, with {@link Backoff} waits, until an attempt gives an answer or the deadline passes; always asks at
 * least once. Every wait goes through {@link WaitProgress#during}, so a long one says what it waits for. An
 * interrupt stops the wait, keeps the thread's interrupt flag and ends the poll as
 * {@code interrupted while waiting for <what>} (exit 1), see {@link Sleeper#pause}.
 */
public final class Poller {
    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final WaitProgress progress;

    public Poller(Clock clock, Sleeper sleeper, Backoff backoff, WaitProgress progress) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * The first answer of {@code attempt}, or empty when none came before {@code timeout} ran out.
     *
     * @param what names the wait in progress lines and in the interrupt message, e.g. "the plan 'x' to be deployed"
     */
    public <T> Optional<T> poll(Duration timeout, String what, Supplier<Optional<T>> attempt) {
        Objects.requireNonNull(timeout, "timeout");
        Instant deadline = clock.instant().plus(timeout);
        Sleeper waiting = progress.during(what, timeout, sleeper);
        Duration delay = backoff.first();
        // Counted as well as the clock, so that a clock which stands still cannot make the poll endless.
        Duration slept = Duration.ZERO;
        while (true) {
            Optional<T> answer = attempt.get();
            if (answer.isPresent()) {
                return answer;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero() || slept.compareTo(timeout) >= 0) {
                return Optional.empty();
            }
            Duration wait = delay.compareTo(left) < 0 ? delay : left;
            waiting.pause(wait, what);
            slept = slept.plus(wait);
            delay = backoff.next(delay);
        }
    }

    /** True when {@code done} said so before {@code timeout} ran out. */
    public boolean until(Duration timeout, String what, BooleanSupplier done) {
        return poll(timeout, what, () -> done.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty())
                .isPresent();
    }
}
