package dev.cbagent.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden files under {@code src/test/resources/golden/}. Run the test with {@code -Dgolden.update=true} to write
 * them anew from what the code generates now; a changed golden file is a reviewed change.
 */
public final class GoldenText {
    public static final Path ROOT = Path.of(System.getProperty("cbagent.root", "."))
            .resolve("src/test/resources/golden");

    private GoldenText() {
    }

    public static void assertMatches(String name, String actual) {
        Path file = ROOT.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError("no golden file " + file + ": run the test with -Dgolden.update=true "
                        + "to write it, then review it");
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from the golden file "
                    + file + " (-Dgolden.update=true rewrites it)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
