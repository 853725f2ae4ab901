package dev.cbagent.tooling;

import dev.cbagent.plan.OptionSpec;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GenerateDialectsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "--auto           | \"--auto\"",
        "'say \"hi\"'     | \"say \\\"hi\\\"\"",
        "C:\\Temp         | \"C:\\\\Temp\"",
        "Кибер            | \"\\u041a\\u0438\\u0431\\u0435\\u0440\"",
    })
    void strings_become_java_literals_in_plain_ascii(String text, String literal) {
        assertEquals(literal, GenerateDialects.literal(text));
    }

    @Test
    void records_lists_and_maps_become_constructor_calls_and_immutable_collections() {
        assertEquals("new dev.cbagent.plan.OptionSpec(\"--id\", \"{components.add}\", null)",
                GenerateDialects.expression(new OptionSpec("--id", "{components.add}", null)));
        assertEquals("java.util.List.of(3010, \"x\")", GenerateDialects.expression(List.of(3010, "x")));
        assertEquals("java.util.Map.ofEntries(java.util.Map.entry(\"a\", \"1\"), java.util.Map.entry(\"b\", \"2\"))",
                GenerateDialects.expression(Map.of("b", "2", "a", "1")));
    }

    @Test
    void a_value_it_cannot_write_stops_the_build() {
        assertThrows(IllegalArgumentException.class, () -> GenerateDialects.expression(2.5));
    }
}
