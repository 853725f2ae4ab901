package dev.cbagent.fleet.ssh;

import java.util.Arrays;
import java.util.Optional;

/** {@code --strict-host-key-checking}: what to do with a host key that known_hosts does not vouch for. */
public enum HostKeyPolicy {
    /** Unknown or changed keys fail the host. */
    YES("yes"),
    /** Unknown keys are added to known_hosts; changed keys fail the host. */
    ACCEPT_NEW("accept-new"),
    /** Nothing is checked (a warning says so). */
    NO("no");

    private final String word;

    HostKeyPolicy(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<HostKeyPolicy> parse(String text) {
        return Arrays.stream(values()).filter(p -> p.word.equals(text)).findFirst();
    }
}
