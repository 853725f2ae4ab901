package dev.cbagent.cli;

import dev.cbagent.platform.Platform;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CliTest {
    private static final CliContext CONTEXT = new CliContext(Map.of(), Platform.current());

    private static CommandLine whole() {
        return Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), CONTEXT);
    }

    private static CommandLine forArguments(String... args) {
        return Cli.forArguments(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), CONTEXT, args);
    }

    static List<String> commandNames() {
        return List.copyOf(whole().getSubcommands().keySet());
    }

    @ParameterizedTest
    @MethodSource("commandNames")
    void an_invoked_command_is_the_only_one_built_and_has_the_same_model(String name) {
        CommandLine lazy = forArguments(name, "--help");

        assertEquals(List.of(name), List.copyOf(lazy.getSubcommands().keySet()));
        CommandLine full = whole().getSubcommands().get(name);
        CommandLine alone = lazy.getSubcommands().get(name);
        assertEquals(full.getUsageMessage(), alone.getUsageMessage());
        assertEquals(full.getCommandSpec().qualifiedName(), alone.getCommandSpec().qualifiedName());
        assertEquals(List.copyOf(full.getSubcommands().keySet()), List.copyOf(alone.getSubcommands().keySet()));
    }

    @Test
    void every_command_is_named_as_its_model_names_it() {
        whole().getSubcommands().forEach((name, sub) -> {
            CommandLine.Command annotation = sub.getCommand().getClass().getAnnotation(CommandLine.Command.class);
            assertEquals(annotation != null ? annotation.name() : sub.getCommandSpec().name(), name);
            assertEquals("cbagent " + name, sub.getCommandSpec().qualifiedName());
        });
    }

    @Test
    void no_command_a_root_option_or_an_unknown_name_gets_the_whole_tree() {
        List<String> all = commandNames();
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"-V", "plan"},
                new String[] {"pla"}, new String[] {"--debug", "plan"})) {
            assertEquals(all, List.copyOf(forArguments(args).getSubcommands().keySet()), () -> String.join(" ", args));
        }
    }

    @Test
    void the_version_option_alone_builds_no_subcommand_and_prints_the_same_version() {
        for (String option : List.of("-V", "--version")) {
            StringWriter lazyOut = new StringWriter();
            StringWriter fullOut = new StringWriter();
            CommandLine lazy = Cli.forArguments(new PrintWriter(lazyOut), new PrintWriter(new StringWriter()), CONTEXT, option);
            assertEquals(List.of(), List.copyOf(lazy.getSubcommands().keySet()));
            assertEquals(0, lazy.execute(option));
            assertEquals(0, Cli.create(new PrintWriter(fullOut), new PrintWriter(new StringWriter()), CONTEXT).execute(option));
            assertEquals(fullOut.toString(), lazyOut.toString());
        }
    }
}
