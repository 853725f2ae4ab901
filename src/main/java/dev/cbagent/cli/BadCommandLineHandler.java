package dev.cbagent.cli;

import dev.cbagent.error.ExitCode;
import dev.cbagent.profile.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;

/**
 * An invalid command line: one line naming the problem, a pointer to --help, exit code 2; with {@code -o json}
 * anywhere on the line also the JSON envelope on stdout ({@code error.code} {@code bad-command-line}).
 */
final class BadCommandLineHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = message(ex);
        err.println("cbagent: error: " + message);
        if (message.equals(ex.getMessage())) {
            UnmatchedArgumentException.printSuggestions(ex, err);
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        ExitCode exit = ExitCode.INVALID_INPUT;
        if (GlobalOptions.wantsJson(args)) {
            cmd.getOut().println(Json.write(Envelope.of(Envelope.commandName(cmd.getCommandSpec()), "failed", false,
                    exit, Envelope.error(Envelope.BAD_COMMAND_LINE, message, Json.array()))));
            cmd.getOut().flush();
        }
        return exit.code();
    }

    /**
     * picocli's message, except for words it could not place: its "Unmatched argument at index N" counts words
     * that {@link GlobalOptions} may have moved, so those are named without an index, and a word where a command
     * stands is an unknown command with the nearest known one.
     */
    static String message(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException unmatched) || unmatched.isUnknownOption()
                || unmatched.getUnmatched().isEmpty()) {
            return ex.getMessage();
        }
        CommandLine cmd = ex.getCommandLine();
        List<String> words = unmatched.getUnmatched();
        if (takesCommand(cmd)) {
            return unknownCommand(cmd, words.get(0));
        }
        return (words.size() == 1 ? "unexpected argument " : "unexpected arguments ")
                + String.join(" ", words.stream().map(w -> "'" + w + "'").toList());
    }

    /** A command with subcommands and no parameters of its own: what follows its name must be a command. */
    private static boolean takesCommand(CommandLine cmd) {
        return !cmd.getSubcommands().isEmpty() && cmd.getCommandSpec().positionalParameters().isEmpty();
    }

    private static String unknownCommand(CommandLine cmd, String word) {
        String parent = cmd.getParent() == null ? "" : cmd.getCommandName() + " ";
        List<String> known = cmd.getSubcommands().entrySet().stream()
                .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                .map(java.util.Map.Entry::getKey).toList();
        String hint = Suggestions.closest(word, known)
                .map(name -> "did you mean '" + parent + name + "'?")
                .orElse((parent.isEmpty() ? "the commands are " : "the commands of '" + parent.strip() + "' are ")
                        + String.join(", ", known));
        return "unknown command '" + parent + word + "' (" + hint + ")";
    }
}
