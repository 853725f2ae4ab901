package dev.cbagent.cli;

import dev.cbagent.platform.Platform;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            valdate p.yaml        | unknown command 'valdate' (did you mean 'validate'?)
            --debug instal p.yaml | unknown command 'instal' (did you mean 'install'?)
            fleet stauts          | unknown command 'fleet stauts' (did you mean 'fleet status'?)
            fleet upgrade         | unknown command 'fleet upgrade' (the commands of 'fleet' are run, status)
            verify p.yaml extra   | unexpected argument 'extra'
            """)
    void a_word_picocli_cannot_place_is_named_in_one_line_without_an_index(String line, String message) {
        String[] args = line.split(" ");
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        int exit = Cli.forArguments(new PrintWriter(out), new PrintWriter(err), CONTEXT, args).execute(args);

        assertEquals(2, exit, err::toString);
        assertEquals("cbagent: error: " + message, err.toString().lines().findFirst().orElse(""), err::toString);
        assertFalse(err.toString().contains("index"), err::toString);
        assertFalse(err.toString().contains("Did you mean"), err::toString);
        assertEquals("", out.toString());
    }

    @Test
    void an_unknown_command_far_from_every_name_lists_the_commands() {
        StringWriter err = new StringWriter();
        int exit = Cli.forArguments(new PrintWriter(new StringWriter()), new PrintWriter(err), CONTEXT, "xyz")
                .execute("xyz");

        assertEquals(2, exit, err::toString);
        String first = err.toString().lines().findFirst().orElse("");
        assertTrue(first.startsWith("cbagent: error: unknown command 'xyz' (the commands are "), first);
        for (String name : commandNames()) {
            assertTrue(first.contains(name), () -> name + " missing: " + first);
        }
    }
}
