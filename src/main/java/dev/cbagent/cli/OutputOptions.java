package dev.cbagent.cli;

import picocli.CommandLine.Option;

/** {@code -o}/{@code --output} and {@code --debug}, shared by every command. */
public final class OutputOptions {
    static final String OUTPUT_DESCRIPTION =
            "text or json (json prints exactly one JSON document on stdout). Default: ${DEFAULT-VALUE}.";
    static final String DEBUG_DESCRIPTION = "Show stack traces of failures on stderr.";

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = OUTPUT_DESCRIPTION)
    OutputFormat output = OutputFormat.text;

    @Option(names = "--debug", description = DEBUG_DESCRIPTION)
    boolean debug;

    public boolean json() {
        return output == OutputFormat.json;
    }
}
