package dev.cbagent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PosixShellTest {
    static final List<String> HOSTILE = List.of("; rm -rf /", "$(id)", "`id`", "${HOME}", "'", "\"", "it's",
            "a\"b'c", "line1\nline2", "two  spaces", " ", "", "*", "~", "#comment", "a\\", "\\'", "&& echo pwned",
            "| cat /etc/passwd", "> /tmp/x", "-n", "пароль ✓", "tab\tin", "!history", "$'\\x41'");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "--auto|--auto",
            "--rain=https://mgmt:9877|--rain=https://mgmt:9877",
            "/usr/lib/Acronis/RegisterAgentTool/RegisterAgent|/usr/lib/Acronis/RegisterAgentTool/RegisterAgent",
            "a b|'a b'",
            "it's|'it'\\''s'",
            "$(id)|'$(id)'",
            "--token=******|'--token=******'"})
    void quotes_known_words_as_expected(String word, String expected) {
        assertEquals(expected, PosixShell.quote(word));
    }

    @Test
    void quotes_the_empty_word() {
        assertEquals("''", PosixShell.quote(""));
    }

    @Test
    void refuses_a_NUL_character() {
        assertThrows(IllegalArgumentException.class, () -> PosixShell.quote("a\0b"));
    }

    @Test
    void hostile_words_reach_the_program_unchanged_and_run_nothing() throws Exception {
        List<String> words = new ArrayList<>(HOSTILE);
        words.add("$(touch " + dir.resolve("pwned") + ")");

        assertEquals(words, throughShell(words));
        assertFalse(Files.exists(dir.resolve("pwned")));
    }

    /** Runs {@code /bin/sh -c "printf '%s\0' <rendered words>"} and splits what printf wrote. */
    static List<String> throughShell(List<String> words) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/bin/sh", "-c", "printf '%s\\0' " + PosixShell.render(words))
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sh did not finish");
        }
        List<String> values = new ArrayList<>(Arrays.asList(new String(output, StandardCharsets.UTF_8).split("\0", -1)));
        values.remove(values.size() - 1);
        return values;
    }
}
