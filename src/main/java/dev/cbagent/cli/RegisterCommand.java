package dev.cbagent.cli;

import dev.cbagent.plan.Action;
import picocli.CommandLine.Command;

@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Register an installed agent with the registration tool, then prove it through the API.",
                "Does nothing when the API already lists this machine.", ""},
        footer = {"", "Exit codes: 0 registered (or unchanged), 2 bad profile, 4 registration tool failed,",
                "5 not confirmed in time, 6 server/TLS/credentials."})
final class RegisterCommand extends EnrolCommand {
    RegisterCommand(CliContext context) {
        super(context, Action.REGISTER);
    }
}
