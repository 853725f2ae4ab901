package dev.cbagent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PosixShellProperties {

    @Property(tries = 60)
    void any_words_reach_the_program_unchanged(@ForAll("words") List<String> words) throws Exception {
        assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")), "arguments are passed as UTF-8");
        assertEquals(words, PosixShellTest.throughShell(words));
    }

    @Provide
    Arbitrary<List<String>> words() {
        Arbitrary<String> dense = Arbitraries.strings()
                .withChars('\'', '"', '\\', '$', '`', ' ', '\n', '\t', ';', '&', '|', '*', '(', ')', 'a', '-', 'я', '✓')
                .ofMaxLength(10);
        Arbitrary<String> bmp = Arbitraries.strings().withCharRange('\u0001', '\uD7FF').ofMaxLength(10);
        return Arbitraries.oneOf(dense, bmp, Arbitraries.of(PosixShellTest.HOSTILE)).list().ofMinSize(1).ofMaxSize(5);
    }
}
