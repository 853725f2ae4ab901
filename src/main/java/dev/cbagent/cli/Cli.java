package dev.cbagent.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** The one place that builds cbagent's command line: commands, streams, exit codes, error handling. */
public final class Cli {
    private Cli() {
    }

    public static CommandLine create(PrintWriter out, PrintWriter err, CliContext context) {
        CommandLine cli = new CommandLine(new RootCommand());
        cli.addSubcommand(new ValidateCommand(context));
        cli.addSubcommand(new PlanCommand(context));
        cli.addSubcommand(new SchemaCommand());
        cli.addSubcommand(new FleetCommand(context));
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(false);
        cli.setUsageHelpWidth(100);
        cli.setExecutionExceptionHandler(new FailureHandler());
        cli.setParameterExceptionHandler(new BadCommandLineHandler());
        return cli;
    }
}
