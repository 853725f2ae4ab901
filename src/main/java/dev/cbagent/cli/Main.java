package dev.cbagent.cli;

import dev.cbagent.api.HttpClientShutdown;
import dev.cbagent.exec.OptionsFile;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // picocli looks for Groovy's Closure class on the class path unless told not to; that miss alone would
        // open and index the whole jar (~12,000 entries) on every start.
        System.setProperty("picocli.disable.closures", "true");
        // Nor to register its converters for java.sql and java.time types (by reflection, at every start): no
        // option of cbagent has such a type (durations have their own converter).
        System.setProperty("picocli.converters.excludes", "java\\.(sql|time)\\..*");
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // options files of an earlier run that was killed (kill -9, power loss) hold secrets: remove them first
        OptionsFile.sweepStale(null);
        int code = Cli.execute(out, err, CliContext.system(), args);
        out.flush();
        err.flush();
        HttpClientShutdown.shutdownAll();
        System.exit(code);
    }
}
