package dev.cbagent.cli;

import picocli.CommandLine.Option;

/** {@code --output} and {@code --debug}, shared by every command. */
public final class OutputOptions {
    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (json prints exactly one JSON document on stdout). Default: ${DEFAULT-VALUE}.")
    OutputFormat output = OutputFormat.text;

    @Option(names = "--debug", description = "Show stack traces of failures on stderr.")
    boolean debug;

    public boolean json() {
        return output == OutputFormat.json;
    }
}
