package dev.cbagent.cli;

import dev.cbagent.platform.Platform;
import dev.cbagent.testing.GoldenFiles;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command's {@code --help} against its golden file, summaries that are sentences, and value completion. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GoldenHelpTest {
    private static final CliContext CONTEXT = new CliContext(Map.of(), Platform.current());

    private static CommandLine whole() {
        return Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), CONTEXT);
    }

    /** Every command line that has a --help: "" for the root, "fleet run", ... */
    static List<String> commandPaths() {
        List<String> paths = new ArrayList<>();
        collect(whole(), "", paths);
        return paths;
    }

    private static void collect(CommandLine cli, String path, List<String> paths) {
        paths.add(path);
        cli.getSubcommands().forEach((name, sub) -> collect(sub, (path.isEmpty() ? "" : path + " ") + name, paths));
    }

    @ParameterizedTest
    @MethodSource("commandPaths")
    void help_is_its_golden_file(String path) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : List.of(path.split(" ")));
        args.add("--help");
        CommandLine cli = Cli.forArguments(new PrintWriter(out), new PrintWriter(err), CONTEXT, args.toArray(String[]::new));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));

        int exit = cli.execute(args.toArray(String[]::new));

        assertEquals(0, exit, err.toString());
        GoldenFiles.assertMatches("help/" + (path.isEmpty() ? "cbagent" : "cbagent-" + path.replace(' ', '-')) + ".txt",
                out.toString());
    }

    @ParameterizedTest
    @MethodSource("commandPaths")
    void the_summary_a_command_list_shows_is_a_whole_sentence(String path) {
        CommandLine cli = whole();
        for (String name : path.isEmpty() ? new String[0] : path.split(" ")) {
            cli = cli.getSubcommands().get(name);
        }
        String summary = cli.getCommandSpec().usageMessage().description()[0];

        assertTrue(summary.endsWith("."), "'" + summary + "' ends mid-sentence");
        assertTrue(path.isEmpty() || summary.length() <= 86, "'" + summary + "' is longer than the command list's column");
    }

    @Test
    void completion_offers_the_values_of_every_option_that_takes_one_of_a_few_words() {
        String script = AutoComplete.bash("cbagent", whole());

        for (String option : List.of("--action", "--strict-host-key-checking", "--upload", "--output", "--platform")) {
            assertTrue(script.contains("# " + option + " values"), "no values completed for " + option);
        }
        assertTrue(script.contains("(\"yes\" \"accept-new\" \"no\")"), "--strict-host-key-checking values");
        assertTrue(script.contains("(\"auto\" \"always\")"), "--upload values");
        assertTrue(script.contains("(\"install\" \"register\" \"unregister\")"), "--action values");
    }
}
