package dev.cbagent.sandbox;

/** A request the sandbox refuses; becomes an error body {@code {"error": {...}}} with this status. */
final class SandboxRejection extends RuntimeException {
    private final int status;

    SandboxRejection(int status, String message) {
        super(message);
        this.status = status;
    }

    int getStatus() {
        return status;
    }
}
