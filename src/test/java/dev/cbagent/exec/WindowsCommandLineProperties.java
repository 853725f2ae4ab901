package dev.cbagent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class WindowsCommandLineProperties {

    @Property(tries = 2000)
    void parsing_a_rendered_argv_gives_it_back(@ForAll("programs") String program,
                                               @ForAll("argumentLists") List<String> arguments) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(arguments);

        assertEquals(argv, WindowsCommandLine.parse(WindowsCommandLine.render(argv)));
    }

    @Provide
    Arbitrary<String> programs() {
        return Arbitraries.oneOf(
                Arbitraries.of("C:\\Program Files\\Acronis\\RegisterAgentTool\\register_agent.exe", "setup.exe", ""),
                tricky().filter(s -> s.indexOf('"') < 0));
    }

    @Provide
    Arbitrary<List<String>> argumentLists() {
        return Arbitraries.oneOf(tricky(), Arbitraries.strings().excludeChars('\0').ofMaxLength(12))
                .list().ofMaxSize(6);
    }

    /** Strings dense in the characters that matter: quotes, backslashes, blanks, plus letters and non-ASCII. */
    static Arbitrary<String> tricky() {
        return Arbitraries.strings()
                .withChars('"', '\\', ' ', '\t', '\n', 'a', 'b', '=', '-', 'я', '✓', '\u00A0')
                .ofMaxLength(12);
    }
}
