package dev.cbagent.api;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a request is repeated after a 50x or 429 answer, and how long to wait in between.
 * The vendor guide (2.7.2) advises two retries, 1–2 s apart.
 *
 * @param retries  repetitions after the first attempt
 * @param minDelay shortest wait before a repetition
 * @param maxDelay longest wait before a repetition (a random wait in between is chosen)
 * @param sleeper  how to wait
 */
public record RetryPolicy(int retries, Duration minDelay, Duration maxDelay, Sleeper sleeper) {
    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
        Objects.requireNonNull(minDelay, "minDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(sleeper, "sleeper");
        if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= minDelay <= maxDelay");
        }
    }

    /** Two retries, 1–2 s apart, really waiting. */
    public static RetryPolicy standard() {
        return new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(2), Sleeper.system());
    }

    /** Two retries through the given sleeper (tests pass one that does not wait). */
    public static RetryPolicy standard(Sleeper sleeper) {
        return new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(2), sleeper);
    }

    /** The wait before the next repetition. */
    public Duration nextDelay() {
        long min = minDelay.toMillis();
        long max = maxDelay.toMillis();
        return Duration.ofMillis(max == min ? min : ThreadLocalRandom.current().nextLong(min, max + 1));
    }
}
