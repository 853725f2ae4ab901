package dev.cbagent.verify;

import dev.cbagent.api.Backoff;

import java.time.Duration;

/**
 * How {@link RegistrationVerifier} polls.
 *
 * @param firstDelay   wait after the first round that leaves hosts pending
 * @param maxDelay     the wait doubles up to this
 * @param pageLimit    {@code limit} of each resources request
 * @param maxUrlLength a batch is split into several queries only when one URL would be longer
 */
public record PollSettings(Duration firstDelay, Duration maxDelay, int pageLimit, int maxUrlLength) {
    public PollSettings {
        new Backoff(firstDelay, maxDelay); // refuses anything but 0 <= firstDelay <= maxDelay
        if (pageLimit < 1 || maxUrlLength < 200) {
            throw new IllegalArgumentException("pageLimit must be positive and maxUrlLength at least 200");
        }
    }

    /** 1 s doubling to 15 s, 200 resources a page, URLs up to about 6000 characters. */
    public static PollSettings standard() {
        return new PollSettings(Duration.ofSeconds(1), Duration.ofSeconds(15), 200, 6000);
    }

    public Backoff backoff() {
        return new Backoff(firstDelay, maxDelay);
    }
}
