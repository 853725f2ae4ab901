package dev.cbagent.cli;

import dev.cbagent.platform.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training commands of the class-data archive ({@code src/cds/training-commands.txt}, carried in the jar as
 * {@code cds/}), run one after another in this JVM with their output discarded. An AOT cache (Java 24 and later)
 * records one JVM, so {@code CBAGENT_CDS_DUMP} runs this under {@code -XX:AOTMode=record}; the build's class list
 * for older JVMs comes from the same commands ({@code dev.cbagent.tooling.TrainClassList}).
 * <pre>java -cp cbagent.jar dev.cbagent.cli.TrainingRun WORK_DIR</pre>
 * WORK_DIR (made by the caller, private) receives the training profiles and the error logs of the runs.
 */
public final class TrainingRun {
    static final String COMMANDS = "training-commands.txt";
    static final String PROFILE = "training-profile.yaml";
    static final String INVALID = "training-invalid.yaml";

    private TrainingRun() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TrainingRun WORK_DIR");
            System.exit(2);
        }
        Path work = Path.of(args[0]).toAbsolutePath();
        for (String file : List.of(PROFILE, INVALID)) {
            Files.write(work.resolve(file), resource(file));
        }
        Map<String, String> environment = new HashMap<>(trainingEnvironment());
        environment.put("CBAGENT_LOG_DIR", work.resolve("logs").toString());
        CliContext context = new CliContext(Map.copyOf(environment), Platform.current());
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        for (List<String> command : commands(new String(resource(COMMANDS), StandardCharsets.UTF_8), work)) {
            Cli.execute(discard, discard, context, command.toArray(String[]::new));
        }
        System.exit(0);
    }

    /** The secrets the training profile refers to: made-up values, as no training command leaves this machine. */
    public static Map<String, String> trainingEnvironment() {
        return Map.of("CB_REG_TOKEN", "training-registration-token", "CB_API_PWD", "training-api-password");
    }

    /** The commands of {@code text}, one a line ({@code #} comments), {@code {profile}} and {@code {invalid}} in {@code dir}. */
    public static List<List<String>> commands(String text, Path dir) {
        List<List<String>> commands = new ArrayList<>();
        for (String line : text.split("\n")) {
            String words = line.strip();
            if (words.isEmpty() || words.startsWith("#")) {
                continue;
            }
            commands.add(Arrays.stream(words.split("\\s+"))
                    .map(word -> word.replace("{profile}", dir.resolve(PROFILE).toString())
                            .replace("{invalid}", dir.resolve(INVALID).toString()))
                    .toList());
        }
        if (commands.isEmpty()) {
            throw new IllegalStateException("no training commands in " + COMMANDS);
        }
        return commands;
    }

    private static byte[] resource(String file) {
        try (InputStream in = TrainingRun.class.getResourceAsStream("/cds/" + file)) {
            if (in == null) {
                throw new IllegalStateException("cds/" + file + " is not in the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
