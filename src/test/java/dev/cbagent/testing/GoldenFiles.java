package dev.cbagent.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden files under {@code src/test/resources/golden/}: a text is compared with its file, and rewritten instead
 * when the build runs with {@code -Dgolden.update=true} (then the difference is reviewed with git diff).
 */
public final class GoldenFiles {
    public static final Path ROOT = Path.of("src", "test", "resources", "golden");

    private GoldenFiles() {
    }

    public static boolean updating() {
        return Boolean.getBoolean("golden.update");
    }

    /** Compares {@code actual} with {@code golden/relative}, or writes it there when updating. */
    public static void assertMatches(String relative, String actual) throws IOException {
        Path file = ROOT.resolve(relative);
        if (updating()) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(file), file + " is missing: regenerate with -Dgolden.update=true (README, "
                + "\"Tests and CI\")");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, relative + " changed: if that was meant, "
                + "regenerate with -Dgolden.update=true and review the difference (README, \"Tests and CI\")");
    }
}
