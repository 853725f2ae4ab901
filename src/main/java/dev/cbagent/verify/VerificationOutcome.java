package dev.cbagent.verify;

import java.util.Map;

/**
 * What a verification established.
 *
 * @param confirmed hosts the server confirmed, keyed by the host name as given
 * @param pending   the other hosts, each with the reason in a few words (e.g. "not found", "offline")
 */
public record VerificationOutcome(Map<String, Registration> confirmed, Map<String, String> pending) {
    public VerificationOutcome {
        confirmed = Map.copyOf(confirmed);
        pending = Map.copyOf(pending);
    }
}
