package dev.cbagent.cli;

import dev.cbagent.plan.Action;
import picocli.CommandLine.Command;

@Command(name = "unregister", mixinStandardHelpOptions = true,
        description = {"Unregister the agent with the registration tool (-o unregister) and, when the profile has",
                "API credentials, confirm that the machine is gone. Does nothing when it is already absent.", ""})
final class UnregisterCommand extends EnrolCommand {
    UnregisterCommand(CliContext context) {
        super(context, Action.UNREGISTER);
    }
}
