package dev.cbagent.plan;

import java.util.List;

/**
 * What cbagent will run for one profile and action, and how the result will be verified.
 *
 * @param verification how the registration is proved (API target, trust, name, timeout); null only in plans
 *                     built by hand
 * @param secrets      every secret value of the profile, for redacting what comes back
 * @param protection the API calls that put the machine into a group and under a plan afterwards; null when the
 *                   profile has no {@code protection:} section or the action registers nothing
 */
public record Plan(String profile, String platform, String edition, Action action, List<Step> steps,
                   VerifyTarget verify, ProtectionPlan protection, IdentityPolicy identity,
                   Verification verification, List<String> secrets) {
    public Plan {
        steps = List.copyOf(steps);
        secrets = List.copyOf(secrets);
        identity = identity == null ? IdentityPolicy.keep() : identity;
    }

    public Plan(String profile, String platform, String edition, Action action, List<Step> steps, VerifyTarget verify,
                ProtectionPlan protection, IdentityPolicy identity) {
        this(profile, platform, edition, action, steps, verify, protection, identity, null, List.of());
    }

    /** A plan without protection. */
    public Plan(String profile, String platform, String edition, Action action, List<Step> steps, VerifyTarget verify) {
        this(profile, platform, edition, action, steps, verify, null, null);
    }

    public Plan(String profile, String platform, String edition, Action action, List<Step> steps, VerifyTarget verify,
                ProtectionPlan protection) {
        this(profile, platform, edition, action, steps, verify, protection, null);
    }

    /** Where and whom verification asks; null when the action registers nothing. */
    public record VerifyTarget(String apiUrl, String hostname) {
    }
}
