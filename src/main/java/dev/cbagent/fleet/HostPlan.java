package dev.cbagent.fleet;

import dev.cbagent.error.Redactor;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.plan.Step;

import java.nio.file.Path;

/**
 * What to do on one host: the install step (argv[0] is the local installer), where to confirm it, and the
 * redactor for everything that comes back, and the profile's {@code protection:} section (null when it has none).
 */
record HostPlan(Step step, Path localInstaller, ApiTarget api, Redactor redactor, ProtectionPlan protection) {
    HostPlan(Step step, Path localInstaller, ApiTarget api, Redactor redactor) {
        this(step, localInstaller, api, redactor, null);
    }
}
