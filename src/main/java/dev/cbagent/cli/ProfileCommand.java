package dev.cbagent.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** A command about one profile, with {@code --output}/{@code --debug}: plan, install, register, unregister, verify. */
abstract class ProfileCommand implements Callable<Integer>, HasOutput {
    final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "PROFILE", description = "Profile file (YAML).")
    Path profile;

    ProfileCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public OutputOptions outputOptions() {
        return output;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
