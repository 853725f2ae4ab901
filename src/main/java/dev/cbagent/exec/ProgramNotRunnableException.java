package dev.cbagent.exec;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

/**
 * The program of a step is missing, not executable, or the operating system refused to start it. Its exit code is
 * {@link ExitCode#INVALID_INPUT} (the path came from the profile) until the caller picks a better one with
 * {@link #withExitCode(ExitCode)}.
 */
public final class ProgramNotRunnableException extends CbagentException {

    public ProgramNotRunnableException(String message) {
        super(ExitCode.INVALID_INPUT, message);
    }

    public ProgramNotRunnableException(String message, Throwable cause) {
        super(ExitCode.INVALID_INPUT, message, cause);
    }

    /** The same sentence, carrying the exit code the caller documents for this step. */
    public CbagentException withExitCode(ExitCode exitCode) {
        return new CbagentException(exitCode, getMessage(), this);
    }
}
