package dev.cbagent.sandbox.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FakeServiceRestartTest {
    @TempDir
    Path root;

    private ToolOutput systemctl(Map<String, String> env, String... args) {
        return ToolOutput.capture((out, err) -> new FakeServiceRestart(env, out, err).run(List.of(args)));
    }

    static List<Arguments> refusals() {
        return List.of(
                Arguments.of(List.of()),
                Arguments.of(List.of("restart")),
                Arguments.of(List.of("restart", "mms")),
                Arguments.of(List.of("stop", "acronis_mms")),
                Arguments.of(List.of("restart", "acronis_mms.service")),
                Arguments.of(List.of("restart", "acronis_mms", "--now")),
                Arguments.of(List.of("RESTART", "acronis_mms")),
                Arguments.of(List.of("restart acronis_mms")));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refuses_anything_but_restart_acronis_mms_with_exit_1_and_records_nothing(List<String> args) throws IOException {
        ToolOutput result = systemctl(Map.of("CBAGENT_AGENT_ROOT", root.toString()), args.toArray(String[]::new));

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("error: usage: systemctl restart acronis_mms"), result.toString());
        assertEquals(1, result.err().lines().count(), result.toString());
        assertEquals(0, FakeServiceRestart.restarts(root));
    }

    @Test
    void appends_one_line_per_restart_under_the_agent_root() throws IOException {
        Instant before = Instant.now();

        assertEquals(0, systemctl(Map.of("CBAGENT_AGENT_ROOT", root.toString()), "restart", "acronis_mms").exitCode());
        ToolOutput second = systemctl(Map.of("CBAGENT_AGENT_ROOT", root.toString()), "restart", "acronis_mms");

        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("restarted acronis_mms"), second.toString());
        List<String> lines = Files.readAllLines(root.resolve("var/lib/cbagent-fake/restarts.log"));
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" restart acronis_mms"), lines.toString());
        assertFalse(Instant.parse(lines.get(0).split(" ")[0]).isBefore(before));
        assertEquals(2, FakeServiceRestart.restarts(root));
    }

    @Test
    void falls_back_to_the_fake_root_and_writes_nothing_without_a_root() throws IOException {
        assertEquals(0, systemctl(Map.of("CBAGENT_FAKE_ROOT", root.toString()), "restart", "acronis_mms").exitCode());
        assertEquals(1, FakeServiceRestart.restarts(root));

        ToolOutput nowhere = systemctl(Map.of(), "restart", "acronis_mms");
        assertEquals(0, nowhere.exitCode(), nowhere.toString());
        assertEquals(1, FakeServiceRestart.restarts(root));
    }

    @Test
    void obeys_the_forced_exit_knob() throws IOException {
        ToolOutput result = systemctl(Map.of("CBAGENT_AGENT_ROOT", root.toString(), "CBAGENT_FAKE_EXIT", "5"),
                "restart", "acronis_mms");

        assertEquals(5, result.exitCode());
        assertEquals(0, FakeServiceRestart.restarts(root));
    }
}
