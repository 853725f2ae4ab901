package dev.cbagent.cli;

import dev.cbagent.plan.Action;
import picocli.CommandLine.Command;

@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install the agent with the profile's installer (which also registers it), then prove the",
                "registration through the API. Does nothing when the API already lists this machine.", ""},
        footer = {"", "Exit codes: 0 registered (or unchanged), 2 bad profile, 3 installer failed, 5 not confirmed in time,",
                "6 server/TLS/credentials, 10 registered but a reboot is required."})
final class InstallCommand extends EnrolCommand {
    InstallCommand(CliContext context) {
        super(context, Action.INSTALL);
    }
}
