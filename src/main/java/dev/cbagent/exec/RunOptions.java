package dev.cbagent.exec;

import dev.cbagent.error.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How to run one step.
 *
 * @param timeout    how long the program (and everything it starts) may run; positive
 * @param logFile    where its output goes, appended, every secret masked
 * @param redactor   secrets to mask besides the secret elements of the argv itself; {@code null} means none
 * @param extraEnv   variables added to (or replacing in) this process's environment; {@code null} means none
 * @param workingDir the program's working directory; {@code null} means this process's
 * @param stdin      text written to the program's standard input, which is then closed; {@code null} closes it at
 *                   once, so a program that prompts reads end-of-file instead of hanging
 */
public record RunOptions(Duration timeout, Path logFile, Redactor redactor, Map<String, String> extraEnv,
                         Path workingDir, String stdin) {

    public RunOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(logFile, "logFile");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        redactor = redactor == null ? Redactor.none() : redactor;
        extraEnv = extraEnv == null ? Map.of() : Map.copyOf(extraEnv);
    }

    public static RunOptions of(Duration timeout, Path logFile, Redactor redactor) {
        return new RunOptions(timeout, logFile, redactor, Map.of(), null, null);
    }

    public RunOptions withStdin(String text) {
        return new RunOptions(timeout, logFile, redactor, extraEnv, workingDir, text);
    }

    public RunOptions withExtraEnv(Map<String, String> env) {
        return new RunOptions(timeout, logFile, redactor, env, workingDir, stdin);
    }

    public RunOptions withWorkingDir(Path dir) {
        return new RunOptions(timeout, logFile, redactor, extraEnv, dir, stdin);
    }

    /** Names the environment variables but shows neither their values nor the standard input: both may be secret. */
    @Override
    public String toString() {
        return "RunOptions[timeout=" + timeout + ", logFile=" + logFile + ", extraEnv=" + new TreeSet<>(extraEnv.keySet())
                + ", workingDir=" + workingDir + ", stdin=" + (stdin == null ? "none" : stdin.length() + " chars") + "]";
    }
}
