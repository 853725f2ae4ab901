package dev.cbagent.exec;

import dev.cbagent.platform.identity.LinuxAgentConfig;
import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.support.StepSemantics;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local runner held to the step semantics every runner shares ({@link StepSemantics}), with real processes. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LocalRunnerTest {
    @TempDir
    Path dir;

    private StepSemantics fakes;
    private Runner runner;

    private Runner.Session open() throws Exception {
        fakes = new StepSemantics(dir);
        runner = new LocalRunner(new PlanExecutor(new CommonsExecProcessRunner(), dir.resolve("logs")),
                new LinuxAgentConfig(fakes.agentRoot()), StepSemantics.redactor(), List.of());
        return runner.open(null, Runner.Listener.NONE);
    }

    @Test
    void a_timeout_stops_the_step_and_every_process_it_started() throws Exception {
        try (Runner.Session session = open()) {
            StepOutcome outcome = session.run(StepSemantics.step(fakes.treeInstaller(), Duration.ofSeconds(2)), false)
                    .outcome();
            assertTrue(outcome.timedOut());
            assertFalse(outcome.succeeded());
            assertTrue(outcome.duration().compareTo(Duration.ofSeconds(60)) < 0, outcome::toString);
            fakes.assertChildGone();
        }
    }

    @Test
    void a_reboot_exit_code_is_success_with_reboot_required() throws Exception {
        try (Runner.Session session = open()) {
            StepOutcome outcome = session.run(StepSemantics.step(fakes.rebootInstaller(), Duration.ofSeconds(30)), false)
                    .outcome();
            assertEquals(StepSemantics.REBOOT_CODE, outcome.exitCode());
            assertTrue(outcome.rebootRequired());
            assertTrue(outcome.succeeded());
        }
    }

    @Test
    void the_step_log_and_its_last_lines_are_masked_and_the_options_file_is_on_no_command_line() throws Exception {
        try (Runner.Session session = open()) {
            assertEquals(LocalAgent.State.NOT_INSTALLED, session.identity().state());
            StepRun run = session.run(StepSemantics.step(fakes.recordingInstaller(), Duration.ofSeconds(30)), false);
            StepOutcome outcome = run.outcome();
            assertEquals(0, outcome.exitCode(), outcome::toString);
            assertEquals("local", runner.route());

            String log = Files.readString(outcome.logFile());
            assertTrue(log.contains("options: --password=******"), log);
            StepSemantics.assertNoSecret(log, "the step log");
            StepSemantics.assertNoSecret(String.join("\n", outcome.lastLines()), "the step's last lines");

            fakes.assertOptionsFileOnly("/.*/cbagent-options-[0-9]+-[0-9]+\\.txt");

            assertEquals(StepSemantics.NEW_INSTANCE_ID, run.identity().identity().instanceId());
            assertNull(run.output(), "the local output is in the log file");
        }
    }
}
