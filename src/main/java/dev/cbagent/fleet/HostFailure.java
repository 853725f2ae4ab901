package dev.cbagent.fleet;

import dev.cbagent.error.ExitCode;
import dev.cbagent.exec.StepFailure;

import java.util.List;

/** Why one host failed: the step it was at, the tool's exit code if one ran, and a message free of secrets. */
public final class HostFailure extends StepFailure {
    public HostFailure(String step, Integer exitCode, String message) {
        this(step, exitCode, message, null);
    }

    /** @param output what the tool printed (unmasked: the runner masks it with the host's redactor) */
    public HostFailure(String step, Integer exitCode, String message, String output) {
        super(step, exitCode, message, output, ExitCode.FLEET_HOST_FAILED, false, List.of(), null);
    }

    public HostFailure(String step, String message, Throwable cause) {
        super(step, null, message, null, ExitCode.FLEET_HOST_FAILED, false, List.of(), cause);
    }

    /** A runner's failure as a host's. */
    static HostFailure of(StepFailure failure) {
        return failure instanceof HostFailure host ? host
                : new HostFailure(failure.step(), failure.exitCode(), failure.getMessage(), failure.output());
    }
}
