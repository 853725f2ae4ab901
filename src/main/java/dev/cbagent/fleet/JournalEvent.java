package dev.cbagent.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the journal.
 *
 * @param time     when it happened
 * @param address  the host as the list names it ({@link dev.cbagent.fleet.hosts.Host#label()})
 * @param hostname the name on the management server, if known
 * @param event    started, uploaded, installed, failed, registered, unchanged or protected
 * @param step     the step of a failure (connect, hostname, upload, install, verify, protect), else the step done
 * @param exitCode the installer's exit code, when it ran
 * @param error    why it failed (no secrets)
 * @param instanceId the agent's InstanceID the host reported after the install ({@code installed} events), if any
 */
public record JournalEvent(Instant time, String address, String hostname, String event, String step,
                           Integer exitCode, String error, String instanceId) {
    public JournalEvent(Instant time, String address, String hostname, String event, String step, Integer exitCode,
                        String error) {
        this(time, address, hostname, event, step, exitCode, error, null);
    }

    public static final String STARTED = "started";
    public static final String UPLOADED = "uploaded";
    public static final String INSTALLED = "installed";
    public static final String FAILED = "failed";
    public static final String REGISTERED = "registered";
    public static final String UNCHANGED = "unchanged";
    /** The profile's protection section is done for a confirmed host (a failed one is {@code failed}, step protect). */
    public static final String PROTECTED = "protected";
    static final java.util.Set<String> EVENTS = java.util.Set.of(STARTED, UPLOADED, INSTALLED, FAILED, REGISTERED,
            UNCHANGED, PROTECTED);

    public JournalEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(event, "event");
    }
}
