package dev.cbagent.exec;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.error.Redactor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The log file of one step, whichever runner ran it: {@code cbagent-<time>-<step>.log} in the log folder, owner
 * only, every secret masked, cbagent's own lines marked {@code # cbagent:}.
 */
public final class StepLogFile {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private StepLogFile() {
    }

    /** A new log file's path for {@code stepName} in {@code dir}, which is made when missing. */
    public static Path in(Path dir, String stepName) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "cannot create the log folder " + dir + ": " + e.getMessage());
        }
        return dir.resolve("cbagent-" + LocalDateTime.now().format(STAMP) + "-" + stepName + ".log");
    }

    /**
     * Writes what a step printed elsewhere (on a fleet host) as a step log: the command, every line of
     * {@code output}, then {@code end}, all masked. Returns the output's last lines, masked and printable.
     */
    public static List<String> write(Path file, Redactor redactor, String command, String output, String end) {
        try (RedactingLog log = RedactingLog.open(file, redactor, null)) {
            log.note("$ " + command);
            if (output != null) {
                output.lines().forEach(log::line);
            }
            log.note(end);
            return log.lastLines();
        } catch (IOException | UncheckedIOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "Cannot write the log file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The last lines of {@code output} once masked, printable: what a failure message quotes. */
    public static List<String> lastLines(Redactor redactor, String output) {
        return OutputTail.lastLines(output == null ? null : redactor.redact(output), OutputTail.KEPT);
    }
}
