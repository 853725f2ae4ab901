package dev.cbagent.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cbagent} without a command: the usage, and exit code 2. Its model: {@link CommandSpecs#root}. Its
 * {@code --output}/{@code --debug} are those given before the command (see {@link GlobalOptions}).
 */
public final class RootCommand implements Runnable, HasOutput {
    CommandSpec spec;

    OutputOptions output;

    @Override
    public OutputOptions outputOptions() {
        return output;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
