package dev.cbagent.cli;

import dev.cbagent.support.JarRunner;
import dev.cbagent.testing.GoldenFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The man pages the build wrote (target/man, what the .deb ships) as {@code man -l} shows them: against their
 * golden text, and the things a reader relies on (a masked secret shown as {@code ******}, the added sections).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ManPagesIT {
    private static final Path MAN_DIR = JarRunner.jar().getParent().resolve("man");

    static List<String> pages() throws IOException {
        try (Stream<Path> files = Files.list(MAN_DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".1")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("pages")
    void a_page_reads_as_its_golden_text(String page) throws Exception {
        GoldenFiles.assertMatches("man/" + page.replace(".1", ".txt"), rendered(page));
    }

    @Test
    void every_command_has_its_page() throws IOException {
        assertEquals(14, pages().size(), "pages: " + pages());
    }

    @Test
    void a_masked_secret_reads_as_six_asterisks() throws Exception {
        assertTrue(rendered("cbagent-plan.1").contains("Every secret is shown as ******,"), rendered("cbagent-plan.1"));
    }

    @Test
    void the_main_page_has_examples_exit_status_environment_and_files() throws Exception {
        String page = rendered("cbagent.1");

        for (String section : List.of("EXAMPLES", "EXIT STATUS", "ENVIRONMENT", "FILES")) {
            assertTrue(page.lines().anyMatch(section::equals), "no " + section + " in\n" + page);
        }
        for (String name : List.of("CBAGENT_LOG_DIR", "CBAGENT_AGENT_ROOT", "https_proxy", "no_proxy",
                "/var/cache/cbagent", "JOURNAL.lock", "cbagent-options-PID-")) {
            assertTrue(page.contains(name), name + " is not on the page");
        }
    }

    @Test
    void an_example_line_stands_apart_from_the_paragraph_before_it() throws Exception {
        String page = rendered("cbagent-doctor.1");

        assertTrue(page.contains("One line per check:\n\n           ok|warn|FAIL  CHECK: DETAIL\n\n"), page);
    }

    /** The page as man shows it at 100 columns, without its last line (the build's version and date). */
    private static String rendered(String page) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/man")), "skipped: man is not installed "
                + "(apt-get install man-db)");
        ProcessBuilder builder = new ProcessBuilder("man", "-l", MAN_DIR.resolve(page).toString())
                .redirectErrorStream(true);
        builder.environment().put("MANWIDTH", "100");
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("MAN_KEEP_FORMATTING", "");
        builder.environment().remove("MANPAGER");
        builder.environment().remove("PAGER");
        Process man = builder.start();
        man.getOutputStream().close();
        byte[] out = man.getInputStream().readAllBytes();
        assertTrue(man.waitFor(30, TimeUnit.SECONDS), "man did not finish");
        assertEquals(0, man.exitValue(), new String(out, StandardCharsets.UTF_8));
        List<String> lines = new String(out, StandardCharsets.UTF_8).stripTrailing().lines().toList();
        return String.join("\n", lines.subList(0, lines.size() - 1)).stripTrailing() + "\n";
    }
}
