package dev.cbagent.plan;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The dialects the build compiled from the YAML files are the dialects parsing those files gives. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BuiltInDialectsTest {
    private static final Path FOLDER = Path.of("src", "main", "resources", "dialects");
    private static final String SUFFIX = "-" + DialectLoader.PRODUCT_VERSION + ".yaml";

    static List<String> platforms() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(SUFFIX))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length())).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("platforms")
    void the_compiled_dialect_equals_the_parsed_yaml_file(String platform) {
        Dialect parsed = new DialectLoader().fromFile(FOLDER.resolve(platform + SUFFIX));

        assertEquals(parsed, BuiltInDialects.forPlatform(platform));
    }

    @ParameterizedTest
    @MethodSource("platforms")
    void a_build_without_the_compiled_dialects_would_parse_the_same_from_the_jar(String platform) {
        assertEquals(BuiltInDialects.forPlatform(platform), new DialectLoader().parsed(platform));
    }

    @ParameterizedTest
    @MethodSource("platforms")
    void the_loader_hands_out_the_compiled_dialect(String platform) {
        DialectLoader loader = new DialectLoader();

        assertEquals(BuiltInDialects.forPlatform(platform), loader.builtIn(platform));
        assertSame(loader.builtIn(platform), loader.builtIn(platform));
    }

    @Test
    void every_file_is_compiled_and_nothing_else() throws IOException {
        assertEquals(3, platforms().size(), "the folder has the files this test is about");
        for (String platform : platforms()) {
            assertEquals(platform, BuiltInDialects.forPlatform(platform).platform());
        }
        assertNull(BuiltInDialects.forPlatform("solaris"));
    }
}
