package dev.cbagent.exec;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.error.Redactor;
import dev.cbagent.plan.Argv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs local programs through Apache Commons Exec: argv only (never a shell), output line by line into the log file
 * with every secret masked, a timeout that kills the whole process tree.
 */
public final class CommonsExecProcessRunner implements ProcessRunner {
    /** How long to keep reading output after the program exited, in case a background child still holds it open. */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(3);
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);

    private final Consumer<String> echo;
    private final ProgramCheck programCheck;
    private final ProcessTreeKiller killer = new ProcessTreeKiller(KILL_GRACE);

    /** A runner that writes output to the log file only. */
    public CommonsExecProcessRunner() {
        this(null);
    }

    /** A runner that also hands every (redacted) output line to {@code echo}, e.g. {@code err::println}. */
    public CommonsExecProcessRunner(Consumer<String> echo) {
        this.echo = echo;
        this.programCheck = new ProgramCheck(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
    }

    @Override
    public RunResult run(Argv argv, RunOptions options) {
        Map<String, String> environment = environment(options.extraEnv());
        programCheck.requireRunnable(argv.program(), environment, options.workingDir());
        Redactor redactor = options.redactor().plus(secretsAndTheirLines(argv));
        RedactingLog log = openLog(options, redactor);
        try (log) {
            log.note("$ " + PosixShell.render(argv.display()));
            return execute(argv, options, environment, log);
        } catch (UncheckedIOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT,
                    "Cannot write the log file " + options.logFile() + ": " + e.getCause().getMessage(), e);
        }
    }

    private RunResult execute(Argv argv, RunOptions options, Map<String, String> environment, RedactingLog log) {
        LineForwarder out = new LineForwarder(log);
        LineForwarder err = new LineForwarder(log);
        PumpStreamHandler streams = new PumpStreamHandler(out, err, stdin(options.stdin()));
        streams.setStopTimeout(OUTPUT_DRAIN);
        DefaultExecutor executor = DefaultExecutor.builder()
                .setExecuteStreamHandler(streams)
                .setWorkingDirectory(options.workingDir() == null ? null : options.workingDir().toFile())
                .get();
        executor.setExitValues(null);
        TimeoutGuard guard = new TimeoutGuard(options.timeout(), killer);
        executor.setProcessDestroyer(guard);

        long start = System.nanoTime();
        int exitCode;
        try {
            try {
                exitCode = executor.execute(new ExactCommandLine(argv.values()), environment);
            } catch (IOException e) {
                if (!guard.started()) {
                    throw new ProgramNotRunnableException("Cannot start " + argv.program() + ": "
                            + log.redactForMessage(e.getMessage()), e);
                }
                log.note("stopped reading output " + OUTPUT_DRAIN.toSeconds()
                        + "s after the program ended: a process it left behind still holds it open");
                exitCode = guard.exitValue();
            } finally {
                guard.close();
                out.close();
                err.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CbagentException(ExitCode.INTERNAL, "Interrupted while running " + argv.program() + ".", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        if (guard.timedOut()) {
            log.note("timed out after " + options.timeout() + "; killed the program and every process it started");
        } else {
            log.note("exit code " + exitCode + " after " + duration.toMillis() + " ms");
        }
        return new RunResult(exitCode, duration, options.logFile(), guard.timedOut(), log.lastLines());
    }

    private RedactingLog openLog(RunOptions options, Redactor redactor) {
        try {
            return RedactingLog.open(options.logFile(), redactor, echo);
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT,
                    "Cannot write the log file " + options.logFile() + ": " + e.getMessage(), e);
        }
    }

    private static InputStream stdin(String text) {
        return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(extra);
        return environment;
    }

    /** A secret with line breaks cannot be masked line by line as a whole; mask each of its lines too. */
    private static List<String> secretsAndTheirLines(Argv argv) {
        List<String> secrets = new ArrayList<>();
        for (String secret : argv.secrets()) {
            secrets.add(secret);
            for (String line : secret.split("\\R")) {
                if (!line.isBlank()) {
                    secrets.add(line);
                }
            }
        }
        return secrets;
    }
}
