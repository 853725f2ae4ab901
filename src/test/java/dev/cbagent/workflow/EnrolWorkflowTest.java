package dev.cbagent.workflow;

import dev.cbagent.api.ApiClient;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.exec.CommonsExecProcessRunner;
import dev.cbagent.exec.PlanExecutor;
import dev.cbagent.plan.Action;
import dev.cbagent.plan.Argv;
import dev.cbagent.plan.Plan;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.plan.Step;
import dev.cbagent.support.ProfileFixture;
import dev.cbagent.platform.identity.LinuxAgentConfig;
import dev.cbagent.verify.MachineFinder;
import dev.cbagent.verify.PollSettings;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workflow's reading of step outcomes, with real processes and no API (verification off). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EnrolWorkflowTest {
    @TempDir
    Path dir;

    private Path script(String body) throws Exception {
        Path file = dir.resolve("tool.sh");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private Plan plan(Action action, Path program, List<Integer> rebootCodes) {
        Step step = new Step(action.label(), action, Argv.of(program.toString()), List.of(), null, Duration.ofSeconds(10),
                rebootCodes);
        return new Plan("p.yaml", "linux", "on-premise", action, List.of(step), new Plan.VerifyTarget("http://x", "web-01"));
    }

    private EnrolWorkflow workflow(boolean privileged) {
        return new EnrolWorkflow(new PlanExecutor(new CommonsExecProcessRunner(), dir.resolve("logs")),
                ApiClient::new, api -> new MachineFinder(api, PollSettings.standard()), () -> privileged,
                os -> Optional.empty(), os -> new LinuxAgentConfig(dir.resolve("root")), new PrintWriter(new StringWriter()));
    }

    private ProfileCheck.Checked profile() {
        return new ProfileFixture(dir).check("platform: linux\ninstaller: {path: /a.bin}\nregistration: {address: 'http://x'}\n");
    }

    @Test
    void an_installer_asking_for_a_reboot_ends_in_exit_10() throws Exception {
        Plan plan = plan(Action.INSTALL, script("exit 42"), List.of(42));
        EnrolResult result = workflow(true).run(plan, new EnrolOptions(false, false, false, true));
        assertEquals(ExitCode.REBOOT_REQUIRED, result.exitCode());
        assertTrue(result.rebootRequired());
    }

    @Test
    void other_installer_exit_codes_end_in_exit_3() throws Exception {
        Plan plan = plan(Action.INSTALL, script("exit 43"), List.of(42));
        EnrolResult result = workflow(true).run(plan, new EnrolOptions(false, false, false, true));
        assertEquals(ExitCode.INSTALLER_FAILED, result.exitCode());
        assertTrue(result.error().contains("exit code 43"), result.error());
    }

    @Test
    void a_failing_register_tool_ends_in_exit_4() throws Exception {
        Plan plan = plan(Action.REGISTER, script("exit 1"), List.of());
        EnrolResult result = workflow(true).run(plan, new EnrolOptions(false, false, false, true));
        assertEquals(ExitCode.REGISTER_TOOL_FAILED, result.exitCode());
    }

    @Test
    void installing_without_privileges_is_refused_before_anything_runs() throws Exception {
        Path marker = dir.resolve("ran");
        Plan plan = plan(Action.INSTALL, script("touch " + marker), List.of());
        CbagentException e = assertThrows(CbagentException.class,
                () -> workflow(false).run(plan, new EnrolOptions(false, false, false, true)));
        assertEquals(ExitCode.INSTALLER_FAILED, e.exitCode());
        assertTrue(e.getMessage().contains("needs root"), e.getMessage());
        assertTrue(Files.notExists(marker));
    }
}
