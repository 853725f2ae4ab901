package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.fleet.hosts.HostListException;
import dev.cbagent.fleet.hosts.HostListProblem;
import dev.cbagent.profile.Finding;
import dev.cbagent.profile.ProfileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Turns a failure into one clear line (or one JSON document) and its exit code. Stack traces only with --debug;
 * anything that is not a {@link CbagentException} is a bug and says so.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    private final java.util.function.Supplier<java.nio.file.Path> logDir;

    FailureHandler(java.util.function.Supplier<java.nio.file.Path> logDir) {
        this.logDir = logDir;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        OutputOptions options = commandLine.getCommand() instanceof HasOutput h ? h.outputOptions() : null;
        boolean json = options != null && options.json();
        boolean debug = options != null && options.debug;
        ExitCode code;
        String message;
        if (ex instanceof CbagentException known) {
            code = known.exitCode();
            message = known.getMessage();
        } else {
            code = ExitCode.INTERNAL;
            message = "internal error (a bug in cbagent, please report it): " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        }
        if (code == ExitCode.INTERNAL || ex.getCause() != null) {
            java.nio.file.Path trace = writeTrace(ex);
            if (trace != null && code == ExitCode.INTERNAL) {
                message += " (details: " + trace + ")";
            }
        }
        if (ex instanceof ProfileException profile) {
            profile.findings().stream().map(Finding::format).forEach(err::println);
        } else if (ex instanceof HostListException hosts) {
            hosts.problems().stream().map(HostListProblem::format).forEach(err::println);
        } else {
            err.println("cbagent: error: " + message);
        }
        if (debug) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        if (json) {
            commandLine.getOut().println(Json.write(Envelope.of(Envelope.commandName(commandLine.getCommandSpec()),
                    "failed", false, code, error(ex, code, message))));
            commandLine.getOut().flush();
        }
        err.flush();
        return code.code();
    }

    private static ObjectNode error(Exception ex, ExitCode code, String message) {
        if (ex instanceof ProfileException profile) {
            return Envelope.error(Envelope.INVALID_PROFILE, Envelope.firstOf(message.lines().toList()),
                    Envelope.findings(profile.findings()));
        }
        if (ex instanceof HostListException hosts) {
            return Envelope.error(Envelope.INVALID_HOST_LIST, Envelope.firstOf(message.lines().toList()),
                    Envelope.hostListFindings(hosts.problems()));
        }
        return Envelope.error(code.word(), message, Json.array());
    }

    /** The stack trace, for a bug report or a closer look; null when it cannot be written. */
    private java.nio.file.Path writeTrace(Exception ex) {
        try {
            return ErrorLogs.write(logDir.get(), ex);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
