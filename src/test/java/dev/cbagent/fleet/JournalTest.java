package dev.cbagent.fleet;

import dev.cbagent.error.CbagentException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JournalTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void events_are_written_one_json_line_each_and_read_back() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, CLOCK)) {
            journal.append("10.0.0.1", "web-01", JournalEvent.STARTED, "connect", null, null);
            journal.append("10.0.0.1", "web-01", JournalEvent.FAILED, "install", 3, "the installer failed");
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertEquals("{\"time\":\"2025-05-01T10:00:00Z\",\"address\":\"10.0.0.1\",\"hostname\":\"web-01\",\"event\":\"failed\","
                + "\"step\":\"install\",\"exitCode\":3,\"error\":\"the installer failed\"}", lines.get(1));
        List<JournalEvent> events = JournalReader.read(file);
        assertEquals(new JournalEvent(CLOCK.instant(), "10.0.0.1", "web-01", "failed", "install", 3,
                "the installer failed"), events.get(1));
    }

    @Test
    void a_torn_last_line_is_ignored_on_reading_and_cut_off_before_appending() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, CLOCK)) {
            journal.append("a", "a", JournalEvent.INSTALLED, "install", 0, null);
        }
        Files.writeString(file, "{\"time\":\"2025-05-01T10:00:00Z\",\"addr", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(1, JournalReader.read(file).size());
        try (Journal journal = Journal.open(file, CLOCK)) {
            journal.append("b", "b", JournalEvent.STARTED, "connect", null, null);
        }
        assertEquals(List.of("a", "b"), JournalReader.read(file).stream().map(JournalEvent::address).toList());
        assertTrue(Files.readString(file).endsWith("}\n"));
    }

    @Test
    void a_bad_line_in_the_middle_is_an_error_with_its_line_number() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, "{\"time\":\"2025-05-01T10:00:00Z\",\"address\":\"a\",\"event\":\"started\"}\nnot json\n"
                + "{\"time\":\"2025-05-01T10:00:00Z\",\"address\":\"a\",\"event\":\"installed\"}\n");
        CbagentException e = assertThrows(CbagentException.class, () -> JournalReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ":2: error: not a journal event"), e.getMessage());
    }

    @Test
    void a_missing_journal_reads_as_empty() {
        assertTrue(JournalReader.read(dir.resolve("nope.jsonl")).isEmpty());
    }

    /** Events of one host, written as "event:step" separated by spaces, and the phase a resume sees. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "'',                                                      NEW",
            "started:connect,                                         STARTED",
            "started:connect uploaded:upload,                         STARTED",
            "started:connect failed:connect,                          FAILED",
            "started:connect uploaded:upload failed:install,          FAILED",
            "started:connect uploaded:upload installed:install,       INSTALLED",
            "started:connect installed:install failed:verify,         INSTALLED",
            "started:connect installed:install registered:verify,     CONFIRMED",
            "unchanged:verify,                                        CONFIRMED",
            "started:connect failed:install started:connect,          STARTED",
            "registered:verify started:connect,                       CONFIRMED",
    })
    void resume_reduces_a_hosts_events_to_a_phase(String events, ResumeState.Phase phase) {
        List<JournalEvent> list = new ArrayList<>();
        for (String e : events.isBlank() ? new String[0] : events.trim().split(" ")) {
            String[] parts = e.split(":");
            list.add(new JournalEvent(CLOCK.instant(), "10.0.0.1", "web-01", parts[0], parts[1], null, null));
        }
        assertEquals(phase, ResumeState.of(list).phase("10.0.0.1"));
    }

    @Test
    void resume_remembers_the_hostname_learned_and_keeps_hosts_apart() {
        ResumeState state = ResumeState.of(List.of(
                new JournalEvent(CLOCK.instant(), "a", "web-01", JournalEvent.STARTED, "connect", null, null),
                new JournalEvent(CLOCK.instant(), "b", null, JournalEvent.STARTED, "connect", null, null),
                new JournalEvent(CLOCK.instant(), "a", null, JournalEvent.INSTALLED, "install", 0, null)));
        assertEquals("web-01", state.hostname("a").orElseThrow());
        assertEquals(ResumeState.Phase.INSTALLED, state.phase("a"));
        assertEquals(ResumeState.Phase.STARTED, state.phase("b"));
        assertTrue(state.hostname("b").isEmpty());
    }

    @Test
    void an_installed_event_keeps_the_hosts_instance_id_through_the_file_for_a_resume(@org.junit.jupiter.api.io.TempDir
                                                                                     java.nio.file.Path tmp) {
        java.nio.file.Path file = tmp.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, CLOCK)) {
            journal.append("a", "web-01", JournalEvent.STARTED, "connect", null, null);
            journal.append("a", "web-01", JournalEvent.INSTALLED, "install", 0, null, "5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F");
            journal.append("b", "web-02", JournalEvent.INSTALLED, "install", 0, null);
        }
        ResumeState state = ResumeState.of(JournalReader.read(file));
        assertEquals("5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F", state.instanceId("a").orElseThrow());
        assertTrue(state.instanceId("b").isEmpty(), "an older journal's event has none");
        assertEquals(ResumeState.Phase.INSTALLED, state.phase("a"));
    }

    @Test
    void an_awaited_event_is_in_the_file_when_append_returns_and_takes_the_queued_ones_along_in_order()
            throws IOException {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, CLOCK)) {
            for (int i = 0; i < 50; i++) {
                journal.appendSoon("h" + i, null, JournalEvent.FAILED, "connect", null, "refused");
            }
            journal.append("last", null, JournalEvent.STARTED, "connect", null, null);

            List<String> addresses = JournalReader.read(file).stream().map(JournalEvent::address).toList();
            assertEquals(51, addresses.size(), "the started event and everything queued before it are written");
            assertEquals("h0", addresses.get(0));
            assertEquals("last", addresses.get(50));
            // 51 events, one sync for all of them (two or three if this machine stalled past the 100 ms linger).
            assertTrue(journal.syncs() <= 3, journal.syncs() + " syncs for 51 events");
        }
    }

    @Test
    void events_nobody_waits_for_reach_the_file_without_another_append_and_by_close_at_the_latest()
            throws Exception {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, CLOCK)) {
            journal.appendSoon("a", null, JournalEvent.FAILED, "connect", null, "refused");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Files.size(file) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, JournalReader.read(file).size(), "the linger ended without another event");
            journal.appendSoon("b", null, JournalEvent.REGISTERED, "verify", null, null);
        }
        assertEquals(List.of("a", "b"), JournalReader.read(file).stream().map(JournalEvent::address).toList());
    }
}
