package dev.cbagent.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place that builds cbagent's command line: commands, streams, exit codes, error handling.
 * {@link #create} builds every command (root help, completion, man pages); {@link #forArguments} only the one a
 * command line invokes, since building picocli's model of a command costs start-up time.
 */
public final class Cli {
    /** The subcommands in the order {@code --help} lists them. */
    private static final Set<String> COMMANDS = new LinkedHashSet<>(List.of("validate", "plan", "install", "register",
            "unregister", "verify", "status", "schema", "fleet", "doctor", "sandbox"));

    /** The commands below a top-level one, for {@link GlobalOptions#afterCommand}. */
    private static final Map<String, Set<String>> NESTED = Map.of("fleet", Set.of("run", "status"));

    /** The root's version options: alone on a command line, they need no subcommand. */
    private static final Set<String> VERSION_OPTIONS = Set.of("-V", "--version");

    private Cli() {
    }

    /**
     * The command {@code name}, made only when it is registered; null for an unknown name. A switch rather than a
     * map of lambdas: each lambda is linked at start, even from the class-data archive, and costs start-up time.
     */
    private static Object command(String name, CliContext context) {
        return switch (name) {
            case "validate" -> CommandSpecs.validate(new ValidateCommand(context));
            case "plan" -> CommandSpecs.plan(new PlanCommand(context));
            case "install" -> new InstallCommand(context);
            case "register" -> new RegisterCommand(context);
            case "unregister" -> new UnregisterCommand(context);
            case "verify" -> new VerifyCommand(context);
            case "status" -> new StatusCommand(context);
            case "schema" -> new SchemaCommand();
            case "fleet" -> new FleetCommand(context);
            case "doctor" -> new DoctorCommand(context);
            case "sandbox" -> new SandboxCommand();
            default -> null;
        };
    }

    /** Runs one command line: {@code --debug} and {@code --output} may stand before or after the command. */
    public static int execute(PrintWriter out, PrintWriter err, CliContext context, String... args) {
        String[] line = GlobalOptions.afterCommand(args, COMMANDS, NESTED);
        return forArguments(out, err, context, line).execute(line);
    }

    /** The whole command tree: for {@code --help}, an unknown command, completion and man page generation. */
    public static CommandLine create(PrintWriter out, PrintWriter err, CliContext context) {
        CommandLine cli = new CommandLine(CommandSpecs.root(new RootCommand()));
        for (String name : COMMANDS) {
            cli.addSubcommand(name, command(name, context));
        }
        return configure(cli, out, err, context);
    }

    /**
     * The command line for {@code args}: the root and the one subcommand {@code args[0]} names, parsed and run
     * exactly as in the whole tree; {@code --version} alone gets the root alone; anything else (no command, another
     * root option, an unknown name) gets the whole tree.
     */
    public static CommandLine forArguments(PrintWriter out, PrintWriter err, CliContext context, String... args) {
        if (args.length == 1 && VERSION_OPTIONS.contains(args[0])) {
            return configure(new CommandLine(CommandSpecs.root(new RootCommand())), out, err, context);
        }
        Object invoked = args.length == 0 ? null : command(args[0], context);
        if (invoked == null) {
            return create(out, err, context);
        }
        CommandLine cli = new CommandLine(CommandSpecs.root(new RootCommand()));
        cli.addSubcommand(args[0], invoked);
        return configure(cli, out, err, context);
    }

    private static CommandLine configure(CommandLine cli, PrintWriter out, PrintWriter err, CliContext context) {
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(false);
        cli.setUsageHelpWidth(100);
        cli.setExecutionExceptionHandler(new FailureHandler(context::logDir));
        cli.setParameterExceptionHandler(new BadCommandLineHandler());
        return cli;
    }
}
