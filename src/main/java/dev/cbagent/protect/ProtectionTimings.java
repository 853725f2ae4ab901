package dev.cbagent.protect;

import dev.cbagent.api.Backoff;

import java.time.Duration;

/**
 * How often the deployment and run state are polled: the wait starts at {@code firstDelay} and doubles up to
 * {@code maxDelay}.
 */
public record ProtectionTimings(Duration firstDelay, Duration maxDelay) {
    public ProtectionTimings {
        new Backoff(firstDelay, maxDelay); // refuses anything but 0 <= firstDelay <= maxDelay
    }

    public Backoff backoff() {
        return new Backoff(firstDelay, maxDelay);
    }

    /** 500 ms doubling to 10 s. */
    public static ProtectionTimings standard() {
        return new ProtectionTimings(Duration.ofMillis(500), Duration.ofSeconds(10));
    }
}
