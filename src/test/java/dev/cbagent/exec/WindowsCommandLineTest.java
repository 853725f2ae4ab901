package dev.cbagent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WindowsCommandLineTest {

    static List<Arguments> knownRenderings() {
        return List.of(
                Arguments.of(List.of("setup.exe", "--quiet"), "setup.exe --quiet"),
                Arguments.of(List.of("C:\\Program Files\\Acronis\\RegisterAgentTool\\register_agent.exe", "-o", "register"),
                        "\"C:\\Program Files\\Acronis\\RegisterAgentTool\\register_agent.exe\" -o register"),
                Arguments.of(List.of("p", "a b"), "p \"a b\""),
                Arguments.of(List.of("p", ""), "p \"\""),
                Arguments.of(List.of("p", "tab\there"), "p \"tab\there\""),
                Arguments.of(List.of("p", "say \"hi\""), "p \"say \\\"hi\\\"\""),
                Arguments.of(List.of("p", "--installdir=C:\\dir\\"), "p --installdir=C:\\dir\\"),
                Arguments.of(List.of("p", "--installdir=C:\\my dir\\"), "p \"--installdir=C:\\my dir\\\\\""),
                Arguments.of(List.of("p", "a\\\"b"), "p \"a\\\\\\\"b\""),
                Arguments.of(List.of("p", "\\\\server\\share"), "p \\\\server\\share"),
                Arguments.of(List.of("p", "пароль"), "p пароль"));
    }

    @ParameterizedTest
    @MethodSource("knownRenderings")
    void renders_known_argv_as_expected(List<String> argv, String expected) {
        assertEquals(expected, WindowsCommandLine.render(argv));
        assertEquals(argv, WindowsCommandLine.parse(expected));
    }

    static List<Arguments> knownParsings() {
        return List.of(
                // the examples of Microsoft's "Parsing C++ command-line arguments", after the program name
                Arguments.of("p \"abc\" d e", List.of("p", "abc", "d", "e")),
                Arguments.of("p a\\\\b d\"e f\"g h", List.of("p", "a\\\\b", "de fg", "h")),
                Arguments.of("p a\\\\\\\"b c d", List.of("p", "a\\\"b", "c", "d")),
                Arguments.of("p a\\\\\\\\\"b c\" d e", List.of("p", "a\\\\b c", "d", "e")),
                // CommandLineToArgvW (unlike the 2008+ C runtime) ends quoting after a doubled quote
                Arguments.of("p a\"b\"\" c d", List.of("p", "ab\"", "c", "d")),
                Arguments.of("p \"\"\"a\"\"\"", List.of("p", "\"a\"")),
                // the program name: no escapes, ends at the closing quote even inside a word
                Arguments.of("\"C:\\Program Files\\x.exe\" arg", List.of("C:\\Program Files\\x.exe", "arg")),
                Arguments.of("\"abc\"def g", List.of("abc", "def", "g")),
                Arguments.of("C:\\dir\\x.exe\\ a", List.of("C:\\dir\\x.exe\\", "a")),
                Arguments.of("p  \t a\t\tb   ", List.of("p", "a", "b")),
                Arguments.of("p", List.of("p")),
                Arguments.of("p \"unterminated arg", List.of("p", "unterminated arg")),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest
    @MethodSource("knownParsings")
    void parses_like_CommandLineToArgvW(String commandLine, List<String> expected) {
        assertEquals(expected, WindowsCommandLine.parse(commandLine));
    }

    @Test
    void refuses_a_program_path_with_a_double_quote() {
        assertThrows(IllegalArgumentException.class, () -> WindowsCommandLine.render(List.of("a\"b.exe")));
    }

    @Test
    void refuses_a_NUL_character() {
        assertThrows(IllegalArgumentException.class, () -> WindowsCommandLine.render(List.of("p", "a\0b")));
    }
}
