package dev.cbagent.api;

import java.time.Duration;

/** Waits; injected so that tests can wait without losing real time. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Really waits, on the calling thread. */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis());
            }
        };
    }
}
