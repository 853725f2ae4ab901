package dev.cbagent.exec;

import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.Argv;

/**
 * Runs one program to completion and tells how it ended. Implementations never return {@code null} and never drop
 * the program's output: it all goes (redacted) to {@link RunOptions#logFile()}.
 */
public interface ProcessRunner {

    /**
     * Runs {@code argv} (no shell involved) and waits for it, or for the timeout, whichever comes first.
     *
     * @throws ProgramNotRunnableException when the program is missing, not executable or cannot be started
     */
    RunResult run(Argv argv, RunOptions options);

    /**
     * Like {@link #run(Argv, RunOptions)}, but a program that cannot be started ends in a
     * {@link dev.cbagent.error.CbagentException} with the given exit code (e.g. 3 for the installer, 4 for the
     * register tool).
     */
    default RunResult run(Argv argv, RunOptions options, ExitCode whenNotRunnable) {
        try {
            return run(argv, options);
        } catch (ProgramNotRunnableException e) {
            throw e.withExitCode(whenNotRunnable);
        }
    }
}
