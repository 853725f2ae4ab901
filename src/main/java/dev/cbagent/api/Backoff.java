package dev.cbagent.api;

import java.time.Duration;
import java.util.Objects;

/** Waits between polls: {@code first}, then doubling up to {@code max}. */
public record Backoff(Duration first, Duration max) {
    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 <= first <= max");
        }
    }

    /** The wait after {@code current}: twice as long (1 ms after none), never more than {@link #max}. */
    public Duration next(Duration current) {
        Duration doubled = current.isZero() ? Duration.ofMillis(1) : current.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
