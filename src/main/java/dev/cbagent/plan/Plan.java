package dev.cbagent.plan;

import java.util.List;

/** What cbagent will run for one profile and action, and how the result will be verified. */
public record Plan(String profile, String platform, String edition, Action action, List<Step> steps,
                   VerifyTarget verify) {
    public Plan {
        steps = List.copyOf(steps);
    }

    /** Where and whom verification asks; null when the action registers nothing. */
    public record VerifyTarget(String apiUrl, String hostname) {
    }
}
