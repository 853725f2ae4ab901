package dev.cbagent.fleet;

import dev.cbagent.error.Redactor;
import dev.cbagent.plan.IdentityPolicy;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.plan.Step;

import java.nio.file.Path;

/**
 * What to do on one host: the install step (argv[0] is the local installer), where to confirm it, and the
 * redactor for everything that comes back, the profile's {@code protection:} section (null when it has none) and
 * what to do with a cloned agent identity.
 */
record HostPlan(Step step, Path localInstaller, ApiTarget api, Redactor redactor, ProtectionPlan protection,
                IdentityPolicy identity) {
    HostPlan {
        identity = identity == null ? IdentityPolicy.keep() : identity;
    }

    HostPlan(Step step, Path localInstaller, ApiTarget api, Redactor redactor, ProtectionPlan protection) {
        this(step, localInstaller, api, redactor, protection, null);
    }

    HostPlan(Step step, Path localInstaller, ApiTarget api, Redactor redactor) {
        this(step, localInstaller, api, redactor, null, null);
    }
}
