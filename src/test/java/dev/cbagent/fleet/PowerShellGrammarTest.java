package dev.cbagent.fleet;

import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.testing.GoldenFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every PowerShell script cbagent sends to Windows hosts, parsed by a real PowerShell grammar: the tree-sitter
 * PowerShell grammar under Node ({@code src/test/node/check-powershell.mjs}; {@code npm ci} there first). Without
 * Node or its packages the test is skipped, except with {@code CI=true}, where it fails.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PowerShellGrammarTest {
    private static final Path CHECKER = Path.of("src/test/node/check-powershell.mjs");
    private static final Path PACKAGES = Path.of("src/test/node/node_modules/tree-sitter-powershell");
    private static final long DEADLINE_SECONDS = 120;

    @TempDir
    Path dir;

    /** What the checker printed and how it ended. */
    private record Check(int exit, String output) {
    }

    @BeforeAll
    static void nodeAndGrammarAreThere() {
        String missing = null;
        if (!Files.isDirectory(PACKAGES)) {
            missing = "the grammar's packages are not installed (cd src/test/node && npm ci --ignore-scripts)";
        } else if (!nodeRuns()) {
            missing = "node is not on PATH";
        }
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true and " + missing + ": the PowerShell scripts cannot be parsed");
            }
            Assumptions.abort("PowerShell grammar check skipped: " + missing);
        }
    }

    private static boolean nodeRuns() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Check check(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", CHECKER.toString()));
        files.forEach(f -> command.add(f.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        reader.start();
        if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the grammar check did not end within " + DEADLINE_SECONDS + " s");
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return new Check(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }

    private static List<Path> goldenScripts() throws IOException {
        try (Stream<Path> files = Files.list(GoldenFiles.ROOT.resolve("powershell"))) {
            return files.filter(f -> f.toString().endsWith(".ps1")).sorted().toList();
        }
    }

    @Test
    void every_golden_script_parses_without_an_error_or_missing_node() throws Exception {
        List<Path> scripts = goldenScripts();
        assertTrue(scripts.size() >= 2, "golden scripts: " + scripts);
        Check c = check(scripts);
        assertEquals(0, c.exit(), c.output());
        assertTrue(c.output().contains(scripts.size() + " passed, 0 failed"), c.output());
    }

    @Test
    void a_script_generated_from_hostile_values_parses_too() throws Exception {
        String hostile = "'; Remove-Item C:\\ -Recurse #`$(whoami)\"@'\n'@\u2019\u2018 ${x} \u00e9";
        Host host = new Host("10.0.0.9", 22, "adm", "win-09", null, null, false, "windows", null,
                Map.of("A_" + "X", hostile, "PATH_EXTRA", "C:\\Program Files\\x;D:\\y"), 1);
        String script = WindowsRemoteScript.install("C:\\dist\\" + hostile.replace('\n', ' ') + ".exe", host.env(),
                List.of(List.of("sc.exe", "stop", hostile), List.of("C:\\x y\\z.exe", "", "a\"b\\")),
                java.time.Duration.ofMinutes(5));
        Path file = Files.writeString(dir.resolve("hostile.ps1"), script);
        Check c = check(List.of(file));
        assertEquals(0, c.exit(), c.output() + "\n" + script);
    }

    @Test
    void a_broken_script_is_reported_with_its_line_and_fails_the_check() throws Exception {
        Path golden = goldenScripts().get(0);
        String text = Files.readString(golden);
        // One unbalanced parenthesis in the middle of the script, as a broken quoting helper would leave it.
        String broken = text.replaceFirst("\\$mode = Read-Answer\n", "\\$mode = (Read-Answer\n");
        assertTrue(!broken.equals(text), "the golden script changed shape");
        Path file = Files.writeString(dir.resolve("broken.ps1"), broken);
        Path unterminated = Files.writeString(dir.resolve("unterminated.ps1"), "& {\n$a = 'no end\n}\n");
        Check c = check(List.of(golden, file, unterminated));
        assertEquals(1, c.exit(), c.output());
        assertTrue(c.output().contains(golden + ": ok"), c.output());
        assertTrue(c.output().contains(file + ":") && c.output().contains(": error: "), c.output());
        assertTrue(c.output().contains(unterminated + ":"), c.output());
        assertTrue(c.output().contains("1 passed, 2 failed"), c.output());
    }
}
