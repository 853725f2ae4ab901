package dev.cbagent.cli;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TrainingRunTest {
    private final Path dir = Path.of("/work/train");

    @Test
    void comments_and_blank_lines_are_skipped_and_the_profiles_are_filled_in() {
        List<List<String>> commands = TrainingRun.commands("""
                # a comment
                validate {profile} --output json

                  plan   {invalid}
                --version
                """, dir);

        assertEquals(List.of(
                List.of("validate", "/work/train/training-profile.yaml", "--output", "json"),
                List.of("plan", "/work/train/training-invalid.yaml"),
                List.of("--version")), commands);
    }

    @Test
    void a_list_without_commands_is_refused() {
        assertThrows(IllegalStateException.class, () -> TrainingRun.commands("# only a comment\n\n", dir));
    }

    @Test
    void every_training_command_names_a_cbagent_command_or_the_version_option() throws IOException {
        Path file = Path.of(System.getProperty("cbagent.root", ".")).resolve("src/cds/training-commands.txt");
        List<List<String>> commands = TrainingRun.commands(Files.readString(file, StandardCharsets.UTF_8), dir);

        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        var names = Cli.create(discard, discard, CliContext.system()).getSubcommands().keySet();
        for (List<String> command : commands) {
            String first = command.get(0);
            assertTrue(first.equals("--version") || names.contains(first), () -> "not a cbagent command: " + command);
        }
    }
}
