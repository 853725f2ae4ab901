package dev.cbagent.fleet;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

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
}
