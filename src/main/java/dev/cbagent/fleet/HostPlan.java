package dev.cbagent.fleet;

import dev.cbagent.error.Redactor;
import dev.cbagent.plan.Step;

import java.nio.file.Path;

/**
 * What to do on one host: the install step (argv[0] is the local installer), where to confirm it, and the
 * redactor for everything that comes back.
 */
record HostPlan(Step step, Path localInstaller, ApiTarget api, Redactor redactor) {
}
