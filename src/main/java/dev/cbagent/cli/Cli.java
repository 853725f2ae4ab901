package dev.cbagent.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place that builds cbagent's command line: commands, streams, exit codes, error handling.
 * {@link #create} builds every command (root help, completion, man pages); {@link #forArguments} only the one a
 * command line invokes, since building picocli's model of a command costs start-up time.
 */
public final class Cli {
    /** The subcommands in the order {@code --help} lists them, each made only when it is registered. */
    private static final Map<String, Function<CliContext, Object>> COMMANDS = commands();

    /** The commands below a top-level one, for {@link GlobalOptions#afterCommand}. */
    private static final Map<String, java.util.Set<String>> NESTED = Map.of("fleet", java.util.Set.of("run", "status"));

    /** The root's version options: alone on a command line, they need no subcommand. */
    private static final java.util.Set<String> VERSION_OPTIONS = java.util.Set.of("-V", "--version");

    private Cli() {
    }

    private static Map<String, Function<CliContext, Object>> commands() {
        Map<String, Function<CliContext, Object>> commands = new LinkedHashMap<>();
        commands.put("validate", context -> CommandSpecs.validate(new ValidateCommand(context)));
        commands.put("plan", context -> CommandSpecs.plan(new PlanCommand(context)));
        commands.put("install", InstallCommand::new);
        commands.put("register", RegisterCommand::new);
        commands.put("unregister", UnregisterCommand::new);
        commands.put("verify", VerifyCommand::new);
        commands.put("status", StatusCommand::new);
        commands.put("schema", context -> new SchemaCommand());
        commands.put("fleet", FleetCommand::new);
        commands.put("doctor", DoctorCommand::new);
        commands.put("sandbox", context -> new SandboxCommand());
        return commands;
    }

    /** Runs one command line: {@code --debug} and {@code --output} may stand before or after the command. */
    public static int execute(PrintWriter out, PrintWriter err, CliContext context, String... args) {
        String[] line = GlobalOptions.afterCommand(args, COMMANDS.keySet(), NESTED);
        return forArguments(out, err, context, line).execute(line);
    }

    /** The whole command tree: for {@code --help}, an unknown command, completion and man page generation. */
    public static CommandLine create(PrintWriter out, PrintWriter err, CliContext context) {
        CommandLine cli = new CommandLine(CommandSpecs.root(new RootCommand()));
        COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.apply(context)));
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
        Function<CliContext, Object> invoked = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (invoked == null) {
            return create(out, err, context);
        }
        CommandLine cli = new CommandLine(CommandSpecs.root(new RootCommand()));
        cli.addSubcommand(args[0], invoked.apply(context));
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
