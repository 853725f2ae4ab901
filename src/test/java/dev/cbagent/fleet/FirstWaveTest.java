package dev.cbagent.fleet;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FirstWaveTest {
    @Test
    void the_first_wave_starts_spread_over_the_second_and_later_jobs_at_once() {
        List<Duration> waits = new ArrayList<>();
        FirstWave wave = new FirstWave(4, Duration.ofSeconds(1), waits::add);
        for (int i = 0; i < 7; i++) {
            assertTrue(wave.awaitTurn());
        }
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(750)), waits);
    }

    @Test
    void one_slot_never_waits() {
        List<Duration> waits = new ArrayList<>();
        FirstWave wave = new FirstWave(1, Duration.ofSeconds(1), waits::add);
        assertTrue(wave.awaitTurn());
        assertTrue(wave.awaitTurn());
        assertEquals(List.of(), waits);
    }

    @Test
    void a_stop_during_the_wait_says_so_and_keeps_the_interrupt() {
        FirstWave wave = new FirstWave(2, Duration.ofSeconds(1), d -> {
            throw new InterruptedException("stopped");
        });
        assertTrue(wave.awaitTurn());
        assertFalse(wave.awaitTurn());
        assertTrue(Thread.interrupted());
    }
}
