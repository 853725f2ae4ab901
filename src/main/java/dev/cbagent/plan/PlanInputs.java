package dev.cbagent.plan;

import java.util.function.Supplier;

/**
 * What the planner needs besides the profile and dialect.
 *
 * @param localHostname     this machine's name as the agent reports it (the default of {@code verify.hostname});
 *                          null when the plan is for remote hosts that name themselves
 * @param secretsOffCommandLine every installer secret goes into the options file, whatever
 *                          {@code installer.secretsVia} says (fleet hosts: no secret on a remote command line)
 */
public record PlanInputs(Supplier<String> localHostname, boolean secretsOffCommandLine) {
    public static PlanInputs thisMachine(Supplier<String> hostname) {
        return new PlanInputs(hostname, false);
    }

    public static PlanInputs remoteHosts() {
        return new PlanInputs(null, true);
    }
}
