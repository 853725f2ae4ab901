package dev.cbagent.cli;

import picocli.CommandLine.Model.CommandSpec;

/** {@code cbagent} without a command: the usage, and exit code 2. Its model: {@link CommandSpecs#root}. */
public final class RootCommand implements Runnable {
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
