package dev.cbagent.api;

import dev.cbagent.testing.MovableClock;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WaitProgressTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final List<String> lines = new ArrayList<>();
    private final List<Instant> printedAt = new ArrayList<>();

    private WaitProgress progress(boolean terminal) {
        return new WaitProgress(line -> {
            lines.add(line);
            printedAt.add(clock.instant());
        }, clock, terminal);
    }

    /** Sleeps like a poll loop: 1 s, doubling to 15 s, until {@code total} has passed. */
    private void poll(Sleeper sleeper, Duration total) throws InterruptedException {
        Instant end = clock.instant().plus(total);
        Duration delay = Duration.ofSeconds(1);
        while (clock.instant().isBefore(end)) {
            Duration left = Duration.between(clock.instant(), end);
            sleeper.sleep(delay.compareTo(left) < 0 ? delay : left);
            delay = delay.multipliedBy(2).compareTo(Duration.ofSeconds(15)) > 0 ? Duration.ofSeconds(15) : delay.multipliedBy(2);
        }
    }

    @Test
    void a_wait_shorter_than_ten_seconds_says_nothing() throws Exception {
        poll(progress(true).during("the server", Duration.ofMinutes(10), clock.sleeper()), Duration.ofSeconds(9));

        assertEquals(List.of(), lines);
    }

    @Test
    void on_a_terminal_a_line_follows_every_ten_seconds_even_between_long_sleeps() throws Exception {
        poll(progress(true).during("the server", Duration.ofMinutes(10), clock.sleeper()), Duration.ofSeconds(61));

        assertEquals(6, lines.size(), lines.toString());
        for (int i = 0; i < printedAt.size(); i++) {
            assertEquals(Instant.parse("2026-12-01T12:00:00Z").plusSeconds(10L * (i + 1)), printedAt.get(i));
        }
    }

    @Test
    void elsewhere_at_most_one_line_per_thirty_seconds() throws Exception {
        poll(progress(false).during("the server", Duration.ofMinutes(10), clock.sleeper()), Duration.ofSeconds(95));

        assertEquals(List.of(Instant.parse("2026-12-01T12:00:10Z"), Instant.parse("2026-12-01T12:00:40Z"),
                Instant.parse("2026-12-01T12:01:10Z")), printedAt);
    }

    @Test
    void a_line_says_what_is_awaited_how_long_it_has_been_and_the_deadline() throws Exception {
        poll(progress(true).during("the management server to confirm web-01", Duration.ofMinutes(10),
                clock.sleeper()), Duration.ofSeconds(100));

        assertEquals("waiting for the management server to confirm web-01: 1m40s of 10m elapsed, deadline "
                + "12:10:00 UTC", lines.get(lines.size() - 1));
    }

    @Test
    void slicing_a_sleep_for_the_lines_neither_loses_nor_adds_time() throws Exception {
        Sleeper sleeper = progress(true).during("x", Duration.ofMinutes(1), clock.sleeper());

        sleeper.sleep(Duration.ofMillis(37_250));

        assertEquals(Instant.parse("2026-12-01T12:00:37.250Z"), clock.instant());
        assertEquals(3, lines.size());
    }

    @Test
    void silent_progress_sleeps_with_the_sleeper_it_was_given() {
        Sleeper sleeper = clock.sleeper();

        assertSame(sleeper, WaitProgress.silent().during("x", Duration.ofMinutes(1), sleeper));
    }
}
