package dev.cbagent.exec;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.error.Redactor;
import dev.cbagent.plan.Action;
import dev.cbagent.plan.Arg;
import dev.cbagent.plan.Argv;
import dev.cbagent.plan.Step;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Runs one plan step as a process: the options file (0600, deleted afterwards) when the step has one, a log file
 * per step with every secret masked, and the step's own reading of exit codes (reboot pending).
 */
public final class PlanExecutor {
    private final ProcessRunner runner;
    private final Path logDir;

    public PlanExecutor(ProcessRunner runner, Path logDir) {
        this.runner = runner;
        this.logDir = logDir;
    }

    public StepOutcome run(Step step, Redactor redactor) {
        Path log = StepLogFile.in(logDir, step.name());
        Redactor masking = redactor.plus(step.secrets());
        ExitCode whenNotRunnable = step.action() == Action.INSTALL ? ExitCode.INSTALLER_FAILED : ExitCode.REGISTER_TOOL_FAILED;
        RunOptions options = RunOptions.of(step.timeout(), log, masking);
        RunResult result;
        if (step.optionsFile().isEmpty()) {
            result = runner.run(step.argv(), options, whenNotRunnable);
        } else {
            try (OptionsFile file = OptionsFile.write(step.optionsFile().stream().map(Arg::value).toList())) {
                Argv argv = step.argv().with(Arg.plain(step.optionsFileFlag() + "=" + file.path()));
                result = runner.run(argv, options, whenNotRunnable);
            } catch (UncheckedIOException e) {
                throw new CbagentException(whenNotRunnable, "cannot write the options file: " + e.getMessage(), e);
            }
        }
        return StepOutcome.of(step, result.exitCode(), result.duration(), log, result.timedOut(), result.lastLines());
    }

    /** The default log folder: $CBAGENT_LOG_DIR, else a system folder for root/Administrator, else the user's. */
    public static Path defaultLogDir(java.util.Map<String, String> env, boolean privileged, boolean windows) {
        String configured = env.get("CBAGENT_LOG_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        if (windows) {
            String base = privileged ? env.getOrDefault("ProgramData", "C:\\ProgramData") : env.getOrDefault("LOCALAPPDATA",
                    System.getProperty("user.home"));
            return Path.of(base, "cbagent", "logs");
        }
        return privileged ? Path.of("/var/log/cbagent") : Path.of(System.getProperty("user.home"), ".cache", "cbagent", "logs");
    }

}
