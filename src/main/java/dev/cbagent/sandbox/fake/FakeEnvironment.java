package dev.cbagent.sandbox.fake;

import dev.cbagent.platform.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The environment variables that steer the fake tools.
 * <ul>
 *   <li>{@code CBAGENT_FAKE_EXIT=<code>}: exit with that code and do nothing else</li>
 *   <li>{@code CBAGENT_FAKE_SLEEP=<seconds>}: sleep first (decimals allowed), for hang and timeout tests</li>
 *   <li>{@code CBAGENT_FAKE_ROOT=<dir>}: where installations and registration state are recorded; without it
 *       nothing is written to disk</li>
 *   <li>{@code CBAGENT_FAKE_HOSTNAME=<name>}: the machine name to register, instead of this machine's</li>
 * </ul>
 */
record FakeEnvironment(Map<String, String> variables) {
    static final String EXIT = "CBAGENT_FAKE_EXIT";
    static final String SLEEP = "CBAGENT_FAKE_SLEEP";
    static final String ROOT = "CBAGENT_FAKE_ROOT";
    static final String HOSTNAME = "CBAGENT_FAKE_HOSTNAME";

    OptionalInt forcedExit() throws UsageError {
        String value = variables.get(EXIT);
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new UsageError(EXIT + " must be an integer exit code, got '" + value + "'");
        }
    }

    Duration sleep() throws UsageError {
        String value = variables.get(SLEEP);
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new UsageError(SLEEP + " must be a number of seconds, got '" + value + "'");
        }
    }

    Optional<Path> root() {
        String value = variables.get(ROOT);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    String hostname() {
        String value = variables.get(HOSTNAME);
        return value == null || value.isBlank() ? Platform.current().hostname() : value;
    }
}
