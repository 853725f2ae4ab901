package dev.cbagent.fleet;

import dev.cbagent.error.Redactor;
import dev.cbagent.plan.IdentityPolicy;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.plan.Step;

import java.nio.file.Path;

/**
 * What to do on one host: the install step (argv[0] is the local installer), where to confirm it, and the
 * redactor for everything that comes back, the profile's {@code protection:} section (null when it has none),
 * what to do with a cloned agent identity, and the shell the host speaks (POSIX sh unless given).
 */
record HostPlan(Step step, Path localInstaller, ApiTarget api, Redactor redactor, ProtectionPlan protection,
                IdentityPolicy identity, RemoteShell shell) {
    HostPlan {
        identity = identity == null ? IdentityPolicy.keep() : identity;
        shell = shell == null ? RemoteShell.POSIX : shell;
    }

    HostPlan(Step step, Path localInstaller, ApiTarget api, Redactor redactor, ProtectionPlan protection,
             IdentityPolicy identity) {
        this(step, localInstaller, api, redactor, protection, identity, null);
    }

    HostPlan(Step step, Path localInstaller, ApiTarget api, Redactor redactor, ProtectionPlan protection) {
        this(step, localInstaller, api, redactor, protection, null, null);
    }

    HostPlan(Step step, Path localInstaller, ApiTarget api, Redactor redactor) {
        this(step, localInstaller, api, redactor, null, null, null);
    }
}
