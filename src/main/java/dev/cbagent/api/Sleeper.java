package dev.cbagent.api;

import java.time.Duration;

/** Waits; injected so that tests can wait without losing real time. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits while polling: an interrupt (a stop) keeps the thread's interrupt flag and ends the wait as
     * {@code interrupted while waiting for <what>} (exit 1).
     */
    default void pause(Duration duration, String what) {
        try {
            sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.cbagent.error.CbagentException(dev.cbagent.error.ExitCode.INTERNAL,
                    "interrupted while waiting for " + what, e);
        }
    }

    /** Really waits, on the calling thread. */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis());
            }
        };
    }
}
