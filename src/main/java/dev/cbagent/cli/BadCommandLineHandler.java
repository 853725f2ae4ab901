package dev.cbagent.cli;

import dev.cbagent.error.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;

/**
 * An invalid command line: one line naming the problem, a pointer to --help, exit code 2; with {@code -o json}
 * anywhere on the line also the JSON envelope on stdout ({@code error.code} {@code bad-command-line}).
 */
final class BadCommandLineHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("cbagent: error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        ExitCode exit = ExitCode.INVALID_INPUT;
        if (GlobalOptions.wantsJson(args)) {
            cmd.getOut().println(Json.write(Envelope.of(Envelope.commandName(cmd.getCommandSpec()), "failed", false,
                    exit, Envelope.error(Envelope.BAD_COMMAND_LINE, ex.getMessage(), Json.array()))));
            cmd.getOut().flush();
        }
        return exit.code();
    }
}
