package dev.cbagent.tooling;

import dev.cbagent.cli.Cli;
import dev.cbagent.cli.CliContext;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build-time only (run by Maven in {@code prepare-package}; picocli-codegen is not in the shipped jar): writes the
 * bash/zsh completion script and the AsciiDoc man page sources from the same command model users run.
 * <pre>GenerateDocs COMPLETION_FILE ADOC_DIR</pre>
 */
public final class GenerateDocs {
    private GenerateDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GenerateDocs COMPLETION_FILE ADOC_DIR");
        }
        CommandLine cli = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                CliContext.system());
        Path completion = Path.of(args[0]);
        Files.createDirectories(completion.toAbsolutePath().getParent());
        Files.writeString(completion, AutoComplete.bash("cbagent", cli), StandardCharsets.UTF_8);
        File adocDir = new File(args[1]);
        Files.createDirectories(adocDir.toPath());
        int code = ManPageGenerator.generateManPage(adocDir, null, new boolean[0], true, cli.getCommandSpec());
        if (code != 0) {
            throw new IllegalStateException("the man page generator failed with exit code " + code);
        }
    }
}
