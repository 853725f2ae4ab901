package dev.cbagent.api;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollerTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper recording = d -> {
        waits.add(d);
        clock.advance(d);
    };
    private final Poller poller = new Poller(clock, recording,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)), WaitProgress.silent());

    @Test
    void answersOnTheNthAttemptAfterDoublingWaits() {
        int[] attempts = {0};
        Optional<String> answer = poller.poll(Duration.ofMinutes(1), "the answer",
                () -> ++attempts[0] == 5 ? Optional.of("yes") : Optional.empty());

        assertEquals(Optional.of("yes"), answer);
        assertEquals(5, attempts[0]);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(4)), waits);
    }

    @Test
    void givesUpAtTheDeadlineAndNeverWaitsPastIt() {
        int[] attempts = {0};
        boolean done = poller.until(Duration.ofSeconds(10), "never", () -> {
            attempts[0]++;
            return false;
        });

        assertFalse(done);
        // 1 + 2 + 4 = 7 s, then only the 3 s left: the last attempt is exactly at the deadline
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(3)), waits);
        assertEquals(5, attempts[0]);
        assertEquals(Instant.parse("2026-01-01T00:00:10Z"), clock.instant());
    }

    @Test
    void asksOnceWithoutWaitingWhenTheTimeoutIsZero() {
        int[] attempts = {0};
        assertFalse(poller.until(Duration.ZERO, "once", () -> {
            attempts[0]++;
            return false;
        }));
        assertEquals(1, attempts[0]);
        assertTrue(waits.isEmpty());
    }

    @Test
    void endsWhenTheClockStandsStill() {
        List<Duration> slept = new ArrayList<>();
        Poller stillClock = new Poller(clock, slept::add, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)),
                WaitProgress.silent());

        assertFalse(stillClock.until(Duration.ofSeconds(6), "a frozen clock", () -> false));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), slept);
    }

    @Test
    void anInterruptStopsTheWaitKeepsTheFlagAndSaysInterrupted() {
        int[] attempts = {0};
        Poller interrupted = new Poller(clock, d -> {
            throw new InterruptedException("stop");
        }, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)), WaitProgress.silent());
        try {
            CbagentException e = assertThrows(CbagentException.class,
                    () -> interrupted.until(Duration.ofMinutes(1), "the plan 'p' to be deployed", () -> {
                        attempts[0]++;
                        return false;
                    }));
            assertEquals(ExitCode.INTERNAL, e.exitCode());
            assertEquals("interrupted while waiting for the plan 'p' to be deployed", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
            assertEquals(1, attempts[0]);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aRealInterruptDuringASystemSleepEndsThePollAtOnce() throws Exception {
        Poller real = new Poller(java.time.Clock.systemUTC(), Sleeper.system(),
                new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)), WaitProgress.silent());
        Throwable[] thrown = {null};
        boolean[] flag = {false};
        Thread poll = new Thread(() -> {
            try {
                real.until(Duration.ofMinutes(5), "a long wait", () -> false);
            } catch (CbagentException e) {
                thrown[0] = e;
                flag[0] = Thread.currentThread().isInterrupted();
            }
        });
        long start = System.nanoTime();
        poll.start();
        Thread.sleep(200);
        poll.interrupt();
        poll.join(10_000);

        assertFalse(poll.isAlive());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
        assertEquals("interrupted while waiting for a long wait", thrown[0].getMessage());
        assertTrue(flag[0]);
    }
}
