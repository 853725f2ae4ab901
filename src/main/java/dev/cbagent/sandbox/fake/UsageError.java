package dev.cbagent.sandbox.fake;

/** Something a fake tool refuses: bad arguments, an unreachable server, a rejected registration. Exit code 1. */
final class UsageError extends Exception {
    UsageError(String message) {
        super(message);
    }

    UsageError(String message, Throwable cause) {
        super(message, cause);
    }
}
