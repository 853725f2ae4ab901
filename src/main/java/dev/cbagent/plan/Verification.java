package dev.cbagent.plan;

import dev.cbagent.profile.Finding;

import java.time.Duration;
import java.util.List;

/**
 * How a registration is proved: the API target, the name to look for, how long to wait and whether the agent
 * must be online.
 *
 * @param api      null when the profile lacks what the API needs ({@code missing} says what, located)
 * @param hostname the machine's name on the server ({@code verify.hostname}, else this machine's); null when each
 *                 fleet host names itself
 */
public record Verification(ApiTarget api, String hostname, Duration timeout, boolean requireOnline,
                           List<Finding> missing) {
    public Verification {
        missing = List.copyOf(missing);
    }

    public boolean isConfigured() {
        return api != null;
    }

    public Verification withHostname(String name) {
        return new Verification(api, name, timeout, requireOnline, missing);
    }
}
