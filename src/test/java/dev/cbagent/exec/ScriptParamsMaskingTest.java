package dev.cbagent.exec;

import dev.cbagent.error.Redactor;
import dev.cbagent.plan.Action;
import dev.cbagent.plan.Arg;
import dev.cbagent.plan.Argv;
import dev.cbagent.plan.Plan;
import dev.cbagent.plan.Planner;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.plan.Step;
import dev.cbagent.support.ProfileFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * registration.scriptParams is shown as written; only the values of the references inside it are masked, in the
 * plan and in the step log, also when the program prints the password on its own.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScriptParamsMaskingTest {
    @TempDir
    Path dir;

    @Test
    void the_step_log_shows_the_parameters_as_written_with_only_the_password_masked() throws IOException {
        ProfileCheck.Checked checked = new ProfileFixture(dir).check("platform: windows\ninstaller: {path: a.exe}\n"
                + "registration:\n  address: mgmt.example.ru\n  script: C:\\deploy\\register.ps1\n"
                + "  scriptParams: -u ad-admin -p ${env:CB_SVC_PWD} -l C:\\reg.log\n");
        assertTrue(checked.findings().isEmpty(), checked.findings()::toString);
        Plan plan = new Planner(() -> "this-host").plan(checked.model(), checked.dialect(), Action.INSTALL);
        Step step = plan.steps().get(0);

        // the Windows argv, run by a script that prints what it got, and the password alone
        Path script = Scripts.write(dir, "installer.sh", """
                for a in "$@"; do printf 'arg: %s\\n' "$a"; done
                printf 'password was %s\\n' "$CB_ECHO"
                """);
        List<Arg> args = new ArrayList<>(step.argv().args());
        args.set(0, Arg.plain(script.toString()));
        Step local = new Step(step.name(), step.action(), new Argv(args), step.optionsFile(), step.optionsFileFlag(),
                step.timeout(), step.rebootExitCodes());
        Path logs = dir.resolve("logs");
        ProcessRunner runner = (argv, options) -> new CommonsExecProcessRunner().run(argv,
                options.withExtraEnv(java.util.Map.of("CB_ECHO", ProfileFixture.SERVICE_PASSWORD)));
        StepOutcome outcome = new PlanExecutor(runner, logs)
                .run(local, new Redactor(checked.values().secretValues()));

        String log = Files.readString(outcome.logFile());
        assertFalse(log.contains(ProfileFixture.SERVICE_PASSWORD), log);
        assertTrue(log.contains("arg: --reg-script-params=-u ad-admin -p ****** -l C:\\reg.log"), log);
        assertTrue(log.contains("password was ******"), log);
    }
}
