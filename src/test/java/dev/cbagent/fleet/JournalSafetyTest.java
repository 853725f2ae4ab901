package dev.cbagent.fleet;

import dev.cbagent.error.CbagentException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal's lock, whole-line appends and torn tails; output paths; failed hosts' logs. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JournalSafetyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void a_locked_journal_is_refused_naming_the_holders_pid_and_free_again_after_close() {
        Path file = dir.resolve("journal.jsonl");
        try (Journal first = Journal.open(file, CLOCK)) {
            assertEquals(ProcessHandle.current().pid() + "\n", read(Journal.pidFile(file)));
            CbagentException e = assertThrows(CbagentException.class, () -> Journal.open(file, CLOCK));
            assertEquals(2, e.exitCode().code());
            assertEquals("the journal " + file + " is in use by another cbagent fleet run (pid "
                    + ProcessHandle.current().pid() + "): wait for it to end, or name another journal", e.getMessage());
        }
        assertFalse(Files.exists(Journal.pidFile(file)));
        try (Journal again = Journal.open(file, CLOCK)) {
            again.append("a", null, JournalEvent.STARTED, "connect", null, null);
        }
    }

    @Test
    void events_from_many_threads_are_whole_lines() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        String error = "x".repeat(5000);
        try (Journal journal = Journal.open(file, CLOCK)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 200; i++) {
                int n = i;
                pool.execute(() -> journal.append("host-" + n, "узел-" + n, JournalEvent.FAILED, "install", 1, error));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        List<JournalEvent> events = JournalReader.read(file);
        assertEquals(200, events.size());
        assertTrue(events.stream().allMatch(e -> e.error().equals(error)));
    }

    /** Cut points inside a multi-byte character, inside a string, right after a key, at an opening brace. */
    @ParameterizedTest(name = "cut {0} bytes before the end")
    @ValueSource(ints = {1, 2, 3, 5, 9, 40})
    void a_torn_last_line_of_any_encoding_is_ignored_with_a_warning_and_cut_before_appending(int cut)
            throws IOException {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, CLOCK)) {
            journal.append("a", "web-01", JournalEvent.INSTALLED, "install", 0, null);
        }
        byte[] line = (Journal.toJson(new JournalEvent(CLOCK.instant(), "b", "сервер-€-𝄞", JournalEvent.STARTED,
                "connect", null, null))).getBytes(StandardCharsets.UTF_8);
        byte[] torn = Arrays.copyOf(line, line.length - cut);
        Files.write(file, torn, StandardOpenOption.APPEND);
        List<String> warnings = new ArrayList<>();

        List<JournalEvent> events = JournalReader.read(file, warnings::add);

        assertEquals(List.of("a"), events.stream().map(JournalEvent::address).toList());
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains(file + ":2: ignoring a torn last line (" + torn.length + " bytes"),
                warnings.get(0));
        try (Journal journal = Journal.open(file, CLOCK)) {
            journal.append("c", null, JournalEvent.STARTED, "connect", null, null);
        }
        assertEquals(List.of("a", "c"), JournalReader.read(file).stream().map(JournalEvent::address).toList());
    }

    @Test
    void a_complete_last_event_without_its_line_break_is_kept() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, Journal.toJson(new JournalEvent(CLOCK.instant(), "a", null, JournalEvent.INSTALLED,
                "install", 0, null)));
        List<String> warnings = new ArrayList<>();
        assertEquals(1, JournalReader.read(file, warnings::add).size());
        assertEquals(List.of(), warnings);
        try (Journal journal = Journal.open(file, CLOCK)) {
            journal.append("b", null, JournalEvent.STARTED, "connect", null, null);
        }
        assertEquals(List.of("a", "b"), JournalReader.read(file).stream().map(JournalEvent::address).toList());
    }

    @Test
    void bad_utf8_in_a_complete_line_is_an_error_with_its_line() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.write(file, new byte[] {'{', (byte) 0xC3, '}', '\n'});
        CbagentException e = assertThrows(CbagentException.class, () -> JournalReader.read(file));
        assertEquals(file + ":1: error: not a journal event (not UTF-8 text)", e.getMessage());
    }

    @Test
    void output_paths_are_checked_before_anything_runs() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Path folder = dir.resolve("a-folder");
        Files.createDirectories(folder);
        assertEquals("--report " + file.resolve("r.json") + ": cannot write there: " + file + " is not a folder "
                + "(nothing was done)", refused(Map.of("--report", file.resolve("r.json"))));
        assertEquals("--junit " + dir.resolve("no/such/r.xml") + ": cannot write there: no such folder "
                + dir.resolve("no/such") + " (nothing was done)", refused(Map.of("--junit", dir.resolve("no/such/r.xml"))));
        assertEquals("--journal " + folder + " is a folder, not a file (nothing was done)",
                refused(Map.of("--journal", folder)));
        Map<String, Path> same = new LinkedHashMap<>();
        same.put("--journal", dir.resolve("j"));
        same.put("--report", dir.resolve("./j"));
        assertEquals("--report and --journal name the same file " + dir.resolve("./j") + " (nothing was done)",
                refused(same));
        Map<String, Path> fine = new LinkedHashMap<>();
        fine.put("--journal", dir.resolve("j"));
        fine.put("--report", null);
        OutputPaths.check(fine);
        assertFalse(Files.exists(dir.resolve("j")), "checking creates nothing");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no probe file is left behind");
        }
    }

    private static String refused(Map<String, Path> paths) {
        return assertThrows(CbagentException.class, () -> OutputPaths.check(paths)).getMessage();
    }

    @Test
    void a_failed_hosts_log_is_private_masked_and_named_after_the_host() throws IOException {
        var redactor = new dev.cbagent.error.Redactor(List.of("s3cret-token"));
        HostPlan plan = new HostPlan(null, null, null, redactor);
        HostResult failed = new HostResult("[::1]:2200", "web-01", HostResult.Status.FAILED, false, "install", 3,
                "the installer failed with exit code 3: disk full", null, 1200)
                .withOutput("--token=s3cret-token\nunpacking\ndisk full\n");
        HostResult ok = new HostResult("10.0.0.2", "web-02", HostResult.Status.REGISTERED, true, "verify", null, null,
                "r-1", 900);
        StringWriter err = new StringWriter();
        FleetReport report = new HostLogs(dir.resolve("logs"), "run1", new PrintWriter(err)).attach(
                new FleetReport(List.of(failed, ok), null), Map.of("[::1]:2200", plan));

        Path log = report.hosts().get(0).log();
        assertEquals(dir.resolve("logs/fleet-run1/_--1_-2200.log"), log);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent())));
        String text = read(log);
        assertTrue(text.contains("step: install") && text.contains("exit code: 3") && text.contains("disk full"), text);
        assertFalse(text.contains("s3cret-token"), text);
        assertEquals(null, report.hosts().get(1).log());
        assertEquals(List.of("unpacking", "disk full"), report.hosts().get(0).lastLines(2));
        assertEquals("", err.toString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
