package dev.cbagent.cli;

import dev.cbagent.plan.Action;
import picocli.CommandLine.Command;

@Command(name = "unregister", mixinStandardHelpOptions = true,
        description = {"Unregister the agent and confirm that the machine is gone.", "",
                "Runs the registration tool with -o unregister and, when the profile has API credentials, confirms "
                        + "through the API that the machine is gone. Does nothing when it is already absent.", ""})
final class UnregisterCommand extends EnrolCommand {
    UnregisterCommand(CliContext context) {
        super(context, Action.UNREGISTER);
    }
}
