package dev.cbagent.fleet;

/** Why one host failed: the step it was at, the tool's exit code if one ran, and a message free of secrets. */
public final class HostFailure extends Exception {
    private final String step;
    private final Integer exitCode;

    public HostFailure(String step, Integer exitCode, String message) {
        super(message);
        this.step = step;
        this.exitCode = exitCode;
    }

    public HostFailure(String step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
        this.exitCode = null;
    }

    public String step() {
        return step;
    }

    public Integer exitCode() {
        return exitCode;
    }
}
