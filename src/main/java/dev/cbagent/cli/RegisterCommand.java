package dev.cbagent.cli;

import dev.cbagent.plan.Action;
import picocli.CommandLine.Command;

@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Register an installed agent and prove the registration through the API.", "",
                "Runs the registration tool. Does nothing when this machine is already registered with the same "
                        + "server.", ""},
        footer = {"", "Exit codes: 0 registered (or unchanged), 2 bad profile, 4 registration tool failed, 5 not "
                + "confirmed in time, 6 server/TLS/credentials, 8 a cloned identity."})
final class RegisterCommand extends EnrolCommand {
    RegisterCommand(CliContext context) {
        super(context, Action.REGISTER);
    }
}
