package dev.cbagent.cli;

import dev.cbagent.plan.Action;
import picocli.CommandLine.Command;

@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install the agent and prove its registration through the API.", "",
                "The profile's installer also registers the agent; cbagent then confirms the machine by its agent's "
                        + "identity. Does nothing when this machine is already registered with the same server.", ""},
        footer = {"", "Exit codes: 0 registered (or unchanged), 2 bad profile, 3 installer failed, 5 not confirmed "
                + "in time, 6 server/TLS/credentials, 8 a cloned identity, 10 registered but a reboot is required."})
final class InstallCommand extends EnrolCommand {
    InstallCommand(CliContext context) {
        super(context, Action.INSTALL);
    }
}
