package dev.cbagent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Install and register agents on many hosts over SSH (run), or ask the API about them (status).", ""})
final class FleetCommand implements Callable<Integer>, HasOutput {
    private final CliContext context;
    private CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Override
    public OutputOptions outputOptions() {
        return output;
    }

    FleetCommand(CliContext context) {
        this.context = context;
    }

    /** picocli hands the spec over while it builds the model: the moment to add subcommands that need the context. */
    @Spec
    void spec(CommandSpec commandSpec) {
        this.spec = commandSpec;
        commandSpec.addSubcommand("run", CommandSpec.forAnnotatedObject(new FleetRunCommand(context)));
        commandSpec.addSubcommand("status", CommandSpec.forAnnotatedObject(new FleetStatusCommand(context)));
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a fleet command: run or status");
    }
}
