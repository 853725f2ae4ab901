package dev.cbagent.error;

/**
 * A failure the user can act on: it carries the exit code and a one-line message that never contains a secret.
 * The cause, if any, is kept for the log file and {@code --debug}.
 */
public class CbagentException extends RuntimeException {
    private final ExitCode exitCode;

    public CbagentException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CbagentException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
