package dev.cbagent.doctor;

import dev.cbagent.error.ExitCode;

/** One independent preflight check. {@link #run()} never throws for a problem it is there to find. */
public interface Check {
    /** Short, stable name: {@code dns}, {@code port api}, {@code tls}, ... */
    String name();

    /** The exit code when this check fails (also used when it runs out of time). */
    ExitCode failureCode();

    CheckResult run();
}
