package dev.cbagent.fleet;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.cbagent.api.ProgressCadence;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FleetProgressTest {
    @Test
    void hosts_waiting_for_confirmation_are_counted_apart_and_a_quiet_wait_still_prints_status_lines()
            throws InterruptedException {
        StringWriter text = new StringWriter();
        try (FleetProgress progress = new FleetProgress(new PrintWriter(text, true), false, Duration.ofMillis(200))) {
            progress.total(2);
            progress.started();
            progress.started();
            progress.finished("a", true, "installed (exit 0)", true);
            progress.awaiting("a");
            progress.finished("b", true, "installed (exit 0)", true);
            progress.awaiting("b");
            progress.confirmed("a");
            Thread.sleep(900);
            String status = progress.status();
            assertTrue(status.contains("done 2, failed 0, running 0 of 2, waiting for confirmation 1"), status);
            assertTrue(status.contains("installs done, 1 waiting for confirmation"), status);
            assertFalse(status.contains("ETA 0s"), status);
        }
        long heartbeats = text.toString().lines().filter(l -> l.startsWith("[2/2] done 2")).count();
        assertTrue(heartbeats >= 2, "no status lines during the quiet wait:\n" + text);
    }

    @Test
    void off_a_terminal_the_quiet_status_line_comes_at_the_single_machine_cadence() {
        try (FleetProgress pipe = new FleetProgress(new PrintWriter(new StringWriter()), false)) {
            assertEquals(ProgressCadence.of(false).every(), pipe.heartbeat());
            assertEquals(Duration.ofSeconds(30), pipe.heartbeat());
        }
    }

    @Test
    void status_lines_are_never_closer_than_the_cadence_and_an_event_starts_the_quiet_stretch_again()
            throws InterruptedException {
        Duration heartbeat = Duration.ofMillis(300);
        TimedLines lines = new TimedLines();
        try (FleetProgress progress = new FleetProgress(new PrintWriter(lines, true), false, heartbeat)) {
            progress.total(3);
            progress.started();
            Thread.sleep(700);
            progress.finished("a", true, "installed (exit 0)", true);
            Thread.sleep(1000);
        }
        List<Long> at = lines.endedAt();
        List<String> text = lines.text();
        assertTrue(text.stream().anyMatch(l -> l.startsWith("[1/3] a: installed")), text::toString);
        assertTrue(text.stream().filter(l -> l.startsWith("[1/3] done 1")).count() >= 1,
                () -> "no status line after the event: " + text);
        for (int i = 1; i < at.size(); i++) {
            long gap = at.get(i) - at.get(i - 1);
            int line = i;
            boolean statusLine = text.get(i).matches("\\[\\d+/\\d+] done .*");
            assertTrue(!statusLine || gap >= heartbeat.toNanos(),
                    () -> "line " + line + " only " + gap / 1_000_000 + " ms after the one before: " + text);
        }
        assertTrue(text.stream().allMatch(l -> l.contains(" elapsed")), text::toString);
    }

    /** Lines as written, each with the System.nanoTime() at which it ended. */
    private static final class TimedLines extends Writer {
        private final StringBuilder current = new StringBuilder();
        private final List<String> text = new ArrayList<>();
        private final List<Long> endedAt = new ArrayList<>();

        @Override
        public synchronized void write(char[] chars, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (chars[i] == '\n') {
                    text.add(current.toString());
                    endedAt.add(System.nanoTime());
                    current.setLength(0);
                } else {
                    current.append(chars[i]);
                }
            }
        }

        synchronized List<String> text() {
            return List.copyOf(text);
        }

        synchronized List<Long> endedAt() {
            return List.copyOf(endedAt);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
