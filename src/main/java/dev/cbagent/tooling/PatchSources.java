package dev.cbagent.tooling;

import com.github.difflib.patch.PatchFailedException;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import com.github.difflib.unifieddiff.UnifiedDiffReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build-time only (Maven {@code compile}): writes a copy of a source tree with a unified diff applied, failing
 * the build when a hunk does not fit exactly (a new upstream version needs its patch looked at again). Used for
 * picocli's sources, which the build compiles itself (see {@code src/picocli/start-up.patch}); the unpacked
 * sources stay as they are, so the step can run again and again.
 * <pre>PatchSources PATCH SOURCE_ROOT OUTPUT_ROOT</pre>
 */
public final class PatchSources {
    private PatchSources() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: PatchSources PATCH SOURCE_ROOT OUTPUT_ROOT");
        }
        apply(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }

    static void apply(Path patchFile, Path sources, Path output) throws IOException {
        UnifiedDiff diff;
        try (InputStream in = Files.newInputStream(patchFile)) {
            diff = UnifiedDiffReader.parseUnifiedDiff(in);
        }
        if (diff.getFiles().isEmpty()) {
            throw new IllegalArgumentException(patchFile + " holds no diff");
        }
        Map<Path, byte[]> tree = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                tree.put(sources.relativize(file), Files.readAllBytes(file));
            }
        }
        for (UnifiedDiffFile file : diff.getFiles()) {
            Path name = Path.of(withoutPrefix(file.getToFile()));
            byte[] original = tree.get(name);
            if (original == null) {
                throw new IllegalStateException(patchFile + " patches " + name + ", which is not in " + sources);
            }
            List<String> lines = List.of(new String(original, StandardCharsets.UTF_8).split("\n", -1));
            try {
                tree.put(name, String.join("\n", file.getPatch().applyTo(lines)).getBytes(StandardCharsets.UTF_8));
            } catch (PatchFailedException e) {
                throw new IllegalStateException(patchFile + " does not apply to " + name + ": " + e.getMessage(), e);
            }
        }
        for (Map.Entry<Path, byte[]> file : tree.entrySet()) {
            Path target = output.resolve(file.getKey().toString());
            // unchanged files keep their time, so the compiler does not rebuild them on every build
            if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), file.getValue())) {
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
        }
    }

    /** {@code b/picocli/CommandLine.java} -> {@code picocli/CommandLine.java}, as {@code patch -p1} reads it. */
    private static String withoutPrefix(String name) {
        int slash = name.indexOf('/');
        return slash >= 0 && (name.startsWith("a/") || name.startsWith("b/")) ? name.substring(slash + 1) : name;
    }
}
