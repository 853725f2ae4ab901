package dev.cbagent.workflow;

import dev.cbagent.exec.CommonsExecProcessRunner;
import dev.cbagent.exec.LocalRunner;
import dev.cbagent.exec.PlanExecutor;
import dev.cbagent.exec.Runner;
import dev.cbagent.exec.StepOutcome;
import dev.cbagent.plan.Action;
import dev.cbagent.plan.Argv;
import dev.cbagent.plan.Step;
import dev.cbagent.platform.identity.LinuxAgentConfig;
import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.sandbox.fake.AgentConfigFile;
import dev.cbagent.verify.ThisMachine;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared part of an enrolment over a real runner (this machine's, with real processes). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EnrolmentTest {
    private static final String CLONED_ID = "5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F";

    @TempDir
    Path dir;

    private Path trace() {
        return dir.resolve("trace");
    }

    /** A step whose program writes its name into the trace, then exits with {@code exit}. */
    private Step step(String name, int exit) throws IOException {
        Path file = dir.resolve(name + ".sh");
        Files.writeString(file, "#!/bin/sh\necho " + name + " >> '" + trace() + "'\nexit " + exit + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return new Step(name, Action.REGISTER, Argv.of(file.toString()), List.of(), null, Duration.ofSeconds(10),
                List.of());
    }

    private Runner runner(List<Step> restart) throws IOException {
        AgentConfigFile.under(dir.resolve("root")).write(CLONED_ID, "8F3B2C1D-7A6E-4F5D-8C9B-0A1B2C3D4E5F");
        return new LocalRunner(new PlanExecutor(new CommonsExecProcessRunner(), dir.resolve("logs")),
                new LinuxAgentConfig(dir.resolve("root")), null, restart);
    }

    private List<String> traced() throws IOException {
        return Files.exists(trace()) ? Files.readAllLines(trace()) : List.of();
    }

    @Test
    void the_reset_runs_once_before_the_first_step_and_the_steps_end_at_the_first_that_fails() throws Exception {
        Runner runner = runner(List.of(step("restart", 0)));
        try (Runner.Session session = runner.open(null, Runner.Listener.NONE)) {
            assertEquals(LocalAgent.State.IDENTIFIED, session.identity().state());
            Enrolment.Steps ran = Enrolment.run(session, List.of(step("first", 0), step("second", 7),
                    step("third", 0)), true);

            assertEquals(List.of("restart", "first", "second"), traced(), "the third step never ran");
            assertEquals(List.of("restart", "first", "second"), ran.outcomes().stream().map(StepOutcome::name).toList());
            assertFalse(ran.succeeded());
            assertNull(ran.failure());
            assertEquals(7, ran.last().outcome().exitCode());
            assertTrue(ran.last().identity().known().isEmpty(), "the cloned identity was cleared");
        }
    }

    @Test
    void steps_that_all_succeed_run_in_order_without_a_reset() throws Exception {
        Runner runner = runner(List.of(step("restart", 0)));
        try (Runner.Session session = runner.open(null, Runner.Listener.NONE)) {
            Enrolment.Steps ran = Enrolment.run(session, List.of(step("first", 0), step("second", 0)), false);

            assertEquals(List.of("first", "second"), traced());
            assertTrue(ran.succeeded());
            assertEquals(CLONED_ID, ran.last().identity().identity().instanceId(), "no reset: the identity stays");
        }
    }

    @Test
    void the_precheck_asks_the_server_about_the_identity_and_without_a_server_runs_the_steps() throws Exception {
        LocalAgent local;
        try (Runner.Session session = runner(List.of()).open(null, Runner.Listener.NONE)) {
            local = session.identity();
        }
        Decision.Intent reset = new Decision.Intent(false, false, true, false);
        List<LocalAgent> asked = new java.util.ArrayList<>();
        Enrolment.Prechecked clone = Enrolment.precheck(local, agent -> {
            asked.add(agent);
            return new ThisMachine.Before(ThisMachine.Before.Kind.CLONE, null, null, List.of(), "a clone");
        }, reset);

        assertEquals(List.of(local), asked);
        assertEquals(Decision.RESET_AND_RUN, clone.decision());
        assertTrue(clone.resetFirst());
        Enrolment.Prechecked offline = Enrolment.precheck(local, null, reset);
        assertEquals(Decision.RUN, offline.decision());
        assertFalse(offline.resetFirst());
        assertNull(offline.server());
    }
}
