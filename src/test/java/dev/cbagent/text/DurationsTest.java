package dev.cbagent.text;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DurationsTest {
    @Test
    void spellsLargestUnitsFirstWithoutSpaces() {
        assertEquals("10m", Durations.format(Duration.ofMinutes(10)));
        assertEquals("1h", Durations.format(Duration.ofHours(1)));
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("2m30s", Durations.format(Duration.ofSeconds(150)));
        assertEquals("1h2m3s", Durations.format(Duration.ofSeconds(3723)));
        assertEquals("300ms", Durations.format(Duration.ofMillis(300)));
        assertEquals("1s500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("48h", Durations.format(Duration.ofDays(2)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }

    @Test
    void measuredTimesAreShownToTheWholeSecond() {
        assertEquals("9m40s", Durations.seconds(Duration.ofMillis(580_999)));
        assertEquals("0s", Durations.seconds(Duration.ofMillis(999)));
    }

    @Test
    void whatIsPrintedReadsBackAsTheSameDuration() {
        for (Duration d : List.of(Duration.ofMillis(1), Duration.ofMillis(1500), Duration.ofSeconds(90),
                Duration.ofMinutes(90), Duration.ofSeconds(3723), Duration.ofDays(3), Duration.ZERO)) {
            assertEquals(Optional.of(d), Durations.parse(Durations.format(d)), d::toString);
        }
    }
}
