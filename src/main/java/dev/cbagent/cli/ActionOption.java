package dev.cbagent.cli;

import dev.cbagent.plan.Action;
import picocli.CommandLine;

import java.util.Locale;

final class ActionOption {
    private ActionOption() {
    }

    static Action parse(CommandLine commandLine, String value) {
        try {
            return Action.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine,
                    "--action: '" + value + "' is not one of " + String.join(", ", ChoiceCandidates.Actions.VALUES));
        }
    }
}
