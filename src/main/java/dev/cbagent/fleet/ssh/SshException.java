package dev.cbagent.fleet.ssh;

/** An SSH failure of one host, with a message a person can act on (never a secret). */
public final class SshException extends Exception {
    public SshException(String message) {
        super(message);
    }

    public SshException(String message, Throwable cause) {
        super(message, cause);
    }
}
