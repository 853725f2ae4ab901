package dev.cbagent.tooling;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PatchSourcesTest {
    private static final String PATCH = "why it is patched\n\n--- a/p/A.java\n+++ b/p/A.java\n@@ -1,3 +1,3 @@\n"
            + " class A {\n-    int x = 1;\n+    int x = 2;\n }\n";

    @TempDir
    Path dir;

    private Path sources() throws IOException {
        Path sources = dir.resolve("sources");
        Files.createDirectories(sources.resolve("p"));
        Files.writeString(sources.resolve("p/A.java"), "class A {\n    int x = 1;\n}\n");
        Files.writeString(sources.resolve("p/B.java"), "class B {\n}\n");
        return sources;
    }

    @Test
    void writes_the_tree_with_the_diff_applied_and_leaves_the_sources_as_they_were() throws IOException {
        Path sources = sources();
        Path patch = Files.writeString(dir.resolve("a.patch"), PATCH);

        PatchSources.apply(patch, sources, dir.resolve("out"));

        assertEquals("class A {\n    int x = 2;\n}\n", Files.readString(dir.resolve("out/p/A.java")));
        assertEquals("class B {\n}\n", Files.readString(dir.resolve("out/p/B.java")));
        assertEquals("class A {\n    int x = 1;\n}\n", Files.readString(sources.resolve("p/A.java")));
    }

    @Test
    void runs_again_without_touching_what_it_wrote() throws IOException {
        Path sources = sources();
        Path patch = Files.writeString(dir.resolve("a.patch"), PATCH);
        PatchSources.apply(patch, sources, dir.resolve("out"));
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(dir.resolve("out/p/A.java"), old);

        PatchSources.apply(patch, sources, dir.resolve("out"));

        assertEquals(old, Files.getLastModifiedTime(dir.resolve("out/p/A.java")));
        assertEquals("class A {\n    int x = 2;\n}\n", Files.readString(dir.resolve("out/p/A.java")));
    }

    @Test
    void a_hunk_that_does_not_fit_stops_the_build() throws IOException {
        Path sources = sources();
        Files.writeString(sources.resolve("p/A.java"), "class A {\n    int x = 3;\n}\n");
        Path patch = Files.writeString(dir.resolve("a.patch"), PATCH);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PatchSources.apply(patch, sources, dir.resolve("out")));
        assertTrue(e.getMessage().contains("does not apply to p/A.java"), e.getMessage());
    }
}
