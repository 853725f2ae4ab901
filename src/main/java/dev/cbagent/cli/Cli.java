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
        cli.addSubcommand(new InstallCommand(context));
        cli.addSubcommand(new RegisterCommand(context));
        cli.addSubcommand(new UnregisterCommand(context));
        cli.addSubcommand(new VerifyCommand(context));
        cli.addSubcommand(new StatusCommand(context));
        cli.addSubcommand(new SchemaCommand());
        cli.addSubcommand(new FleetCommand(context));
        cli.addSubcommand(new DoctorCommand(context));
        cli.addSubcommand(new SandboxCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(false);
        cli.setUsageHelpWidth(100);
        cli.setExecutionExceptionHandler(new FailureHandler(context::logDir));
        cli.setParameterExceptionHandler(new BadCommandLineHandler());
        return cli;
    }
}
