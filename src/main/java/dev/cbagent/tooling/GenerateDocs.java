package dev.cbagent.tooling;

import dev.cbagent.cli.Cli;
import dev.cbagent.cli.CliContext;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build-time only (run by Maven in {@code prepare-package}; picocli-codegen is not in the shipped jar): writes the
 * bash/zsh completion script and the AsciiDoc man page sources from the same command model users run, with the
 * hand-written sections of {@code src/man/PAGE.adoc} (EXAMPLES, ENVIRONMENT, FILES) added to each page.
 * <pre>GenerateDocs COMPLETION_FILE ADOC_DIR [EXTRA_SECTIONS_DIR]</pre>
 */
public final class GenerateDocs {
    /** The heading of a command's footer in its man page: our footers list the command's exit codes. */
    static final String FOOTER_SECTION = "Exit status";

    private GenerateDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 3) {
            throw new IllegalArgumentException("usage: GenerateDocs COMPLETION_FILE ADOC_DIR [EXTRA_SECTIONS_DIR]");
        }
        CommandLine cli = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                CliContext.system());
        Path completion = Path.of(args[0]);
        Files.createDirectories(completion.toAbsolutePath().getParent());
        Files.writeString(completion, AutoComplete.bash("cbagent", cli), StandardCharsets.UTF_8);
        Path adocDir = Path.of(args[1]);
        Files.createDirectories(adocDir);
        footersAsSections(cli.getCommandSpec());
        int code = ManPageGenerator.generateManPage(adocDir.toFile(), null, new boolean[0], true, cli.getCommandSpec());
        if (code != 0) {
            throw new IllegalStateException("the man page generator failed with exit code " + code);
        }
        Path extraDir = args.length == 3 ? Path.of(args[2]) : null;
        try (Stream<Path> pages = Files.list(adocDir)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".adoc")).toList()) {
                Path extra = extraDir == null ? null : extraDir.resolve(page.getFileName());
                String sections = extra != null && Files.isRegularFile(extra)
                        ? Files.readString(extra, StandardCharsets.UTF_8) : null;
                Files.writeString(page, ManPageSource.finish(Files.readString(page, StandardCharsets.UTF_8), sections),
                        StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * picocli writes a footer into the man page only under a heading; {@code --help} shows ours without one. So for
     * the pages (and only there) each footer gets the heading {@value #FOOTER_SECTION}, its blank lines dropped, and
     * so does the root's list of exit codes.
     */
    private static void footersAsSections(CommandSpec spec) {
        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0 && spec.usageMessage().footerHeading().isEmpty()
                && spec.usageMessage().exitCodeList().isEmpty()) {
            List<String> lines = Arrays.stream(footer).filter(line -> !line.isBlank()).toList();
            spec.usageMessage().footerHeading(FOOTER_SECTION).footer(lines.toArray(String[]::new));
        }
        if (!spec.usageMessage().exitCodeList().isEmpty()) {
            spec.usageMessage().exitCodeListHeading(FOOTER_SECTION);
        }
        spec.subcommands().values().forEach(sub -> footersAsSections(sub.getCommandSpec()));
    }
}
