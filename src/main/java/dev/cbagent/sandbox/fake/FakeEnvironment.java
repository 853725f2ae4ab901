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
 *   <li>{@code CBAGENT_FAKE_OUTPUT=<text>}: print this on stderr first, as it is (a failing installer's last words)</li>
 *   <li>{@code CBAGENT_FAKE_SLEEP=<seconds>}: sleep first (decimals allowed), for hang and timeout tests</li>
 *   <li>{@code CBAGENT_FAKE_RECORD_DELAY=<seconds>}: wait this long after the server answered a registration before
 *       writing the ids into the identity file, so a test can stop the tool in between (the server has the machine,
 *       the host does not know it)</li>
 *   <li>{@code CBAGENT_AGENT_ROOT=<dir>}: the agent's root, as cbagent reads it: the installation folders, the
 *       identity file {@code <dir>/etc/Acronis/BackupAndRecovery.config} and the fakes' own records
 *       ({@code <dir>/var/lib/cbagent-fake/}) live under it</li>
 *   <li>{@code CBAGENT_FAKE_ROOT=<dir>}: the same, used when {@code CBAGENT_AGENT_ROOT} is not set; without
 *       either nothing is written to disk</li>
 *   <li>{@code CBAGENT_FAKE_HOSTNAME=<name>}: the machine name to register, instead of this machine's</li>
 * </ul>
 */
record FakeEnvironment(Map<String, String> variables) {
    static final String EXIT = "CBAGENT_FAKE_EXIT";
    static final String SLEEP = "CBAGENT_FAKE_SLEEP";
    static final String OUTPUT = "CBAGENT_FAKE_OUTPUT";
    static final String RECORD_DELAY = "CBAGENT_FAKE_RECORD_DELAY";
    static final String AGENT_ROOT = "CBAGENT_AGENT_ROOT";
    static final String ROOT = "CBAGENT_FAKE_ROOT";
    static final String HOSTNAME = "CBAGENT_FAKE_HOSTNAME";

    /** What to print on stderr before anything else; empty when nothing. */
    String output() {
        return variables.getOrDefault(OUTPUT, "");
    }

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
        return seconds(SLEEP);
    }

    /** How long to wait between a registration's answer and recording its ids. */
    Duration recordDelay() throws UsageError {
        return seconds(RECORD_DELAY);
    }

    private Duration seconds(String name) throws UsageError {
        String value = variables.get(name);
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
            throw new UsageError(name + " must be a number of seconds, got '" + value + "'");
        }
    }

    /** {@code CBAGENT_AGENT_ROOT}, else {@code CBAGENT_FAKE_ROOT}; empty when neither is set. */
    Optional<Path> root() {
        String value = variables.get(AGENT_ROOT);
        if (value == null || value.isBlank()) {
            value = variables.get(ROOT);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** The agent's identity file under {@link #root()}, when there is a root. */
    Optional<AgentConfigFile> identityFile() {
        return root().map(AgentConfigFile::under);
    }

    String hostname() {
        String value = variables.get(HOSTNAME);
        return value == null || value.isBlank() ? Platform.current().hostname() : value;
    }
}
