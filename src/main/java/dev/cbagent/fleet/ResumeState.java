package dev.cbagent.fleet;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What an earlier run's journal says about each host, reduced to what {@code --resume} needs. */
public final class ResumeState {
    /** Where a host got to. */
    public enum Phase {
        /** Nothing recorded. */
        NEW,
        /** Started (maybe uploaded) but no installer result: it may or may not have run. */
        STARTED,
        /** The installer failed or never ran; safe to try again. */
        FAILED,
        /** The installer succeeded; only the confirmation is missing. Never install again. */
        INSTALLED,
        /** The API confirmed it (registered or unchanged). Leave it alone. */
        CONFIRMED
    }

    /** One host's summary: its phase, the last confirming event, the hostname learned. */
    public record Entry(Phase phase, JournalEvent confirmation, String hostname, Instant started) {
    }

    private final Map<String, Entry> entries;
    /** The InstanceID each host reported after its last successful install. */
    private final Map<String, String> instanceIds;

    private ResumeState(Map<String, Entry> entries, Map<String, String> instanceIds) {
        this.entries = entries;
        this.instanceIds = instanceIds;
    }

    public static ResumeState empty() {
        return new ResumeState(Map.of(), Map.of());
    }

    public static ResumeState of(List<JournalEvent> events) {
        Map<String, Entry> entries = new HashMap<>();
        Map<String, String> instanceIds = new HashMap<>();
        for (JournalEvent e : events) {
            Entry before = entries.getOrDefault(e.address(), new Entry(Phase.NEW, null, null, null));
            String hostname = e.hostname() != null ? e.hostname() : before.hostname();
            entries.put(e.address(), next(before, e, hostname));
            if (JournalEvent.INSTALLED.equals(e.event()) && e.instanceId() != null) {
                instanceIds.put(e.address(), e.instanceId());
            }
        }
        return new ResumeState(entries, instanceIds);
    }

    /** The InstanceID the host reported after the install the journal records; empty when it reported none. */
    public Optional<String> instanceId(String address) {
        return Optional.ofNullable(instanceIds.get(address));
    }

    private static Entry next(Entry before, JournalEvent e, String hostname) {
        Phase phase = before.phase();
        return switch (e.event()) {
            case JournalEvent.REGISTERED, JournalEvent.UNCHANGED -> new Entry(Phase.CONFIRMED, e, hostname, before.started());
            case JournalEvent.INSTALLED -> new Entry(phase == Phase.CONFIRMED ? phase : Phase.INSTALLED,
                    before.confirmation(), hostname, before.started());
            case JournalEvent.STARTED, JournalEvent.UPLOADED -> new Entry(
                    phase == Phase.CONFIRMED || phase == Phase.INSTALLED ? phase : Phase.STARTED,
                    before.confirmation(), hostname, before.started() == null ? e.time() : before.started());
            // Protection only follows a confirmation and changes no phase: a confirmed host is protected (again) on
            // every run, which changes nothing when it already is.
            case JournalEvent.PROTECTED -> new Entry(phase, before.confirmation(), hostname, before.started());
            // A failed verification leaves an installed host installed, a failed protection a confirmed one
            // confirmed; any other failure means "not installed".
            default -> new Entry(phase == Phase.CONFIRMED || phase == Phase.INSTALLED ? phase : Phase.FAILED,
                    before.confirmation(), hostname, before.started());
        };
    }

    public Entry entry(String address) {
        return entries.getOrDefault(address, new Entry(Phase.NEW, null, null, null));
    }

    public Phase phase(String address) {
        return entry(address).phase();
    }

    public Optional<String> hostname(String address) {
        return Optional.ofNullable(entry(address).hostname());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
