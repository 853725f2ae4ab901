package dev.cbagent.fleet;

/** Why one host failed: the step it was at, the tool's exit code if one ran, and a message free of secrets. */
public final class HostFailure extends Exception {
    private final String step;
    private final Integer exitCode;
    private final String output;

    public HostFailure(String step, Integer exitCode, String message) {
        this(step, exitCode, message, null);
    }

    /** @param output what the tool printed (unmasked: the runner masks it with the host's redactor) */
    public HostFailure(String step, Integer exitCode, String message, String output) {
        super(message);
        this.step = step;
        this.exitCode = exitCode;
        this.output = output;
    }

    public HostFailure(String step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
        this.exitCode = null;
        this.output = null;
    }

    /** What the installer printed before it failed; null when it did not run. */
    public String output() {
        return output;
    }

    public String step() {
        return step;
    }

    public Integer exitCode() {
        return exitCode;
    }
}
