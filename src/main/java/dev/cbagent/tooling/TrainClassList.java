package dev.cbagent.tooling;

import dev.cbagent.cli.TrainingRun;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Build-time only (Maven {@code package}, after the shaded jar): runs every command of
 * {@code src/cds/training-commands.txt} against the jar with {@code -XX:DumpLoadedClassList}, merges what they
 * loaded into one class list beside the jar ({@code cbagent.classlist}), then has the launcher dump the static
 * class-data archive for this JVM from it ({@code CBAGENT_CDS_DUMP}: the launcher alone knows the archive's name).
 * <pre>TrainClassList JAR TRAINING_DIR LAUNCHER</pre>
 */
public final class TrainClassList {
    /** The JVM options of scripts/cbagent, so the training loads what a real run loads. */
    static final List<String> LAUNCHER_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=4", "-XX:+UseSerialGC",
            "-XX:-UsePerfData");
    static final String CLASS_LIST = "cbagent.classlist";
    private static final Pattern ID = Pattern.compile(" id: \\d+$");
    private static final int INTERNAL_ERROR = 1;

    private TrainClassList() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: TrainClassList JAR TRAINING_DIR LAUNCHER");
        }
        Path jar = Path.of(args[0]).toRealPath();
        Path training = Path.of(args[1]).toAbsolutePath();
        Path launcher = Path.of(args[2]).toAbsolutePath();
        Path work = Files.createDirectories(jar.resolveSibling("cds-training"));
        List<List<String>> commands = commands(training);
        List<Path> lists = new ArrayList<>();
        for (List<String> command : commands) {
            Path list = work.resolve("run-" + lists.size() + ".classlist");
            Files.deleteIfExists(list);
            List<String> argv = new ArrayList<>(List.of(java(), "-XX:DumpLoadedClassList=" + list));
            argv.addAll(LAUNCHER_OPTIONS);
            argv.addAll(List.of("-jar", jar.toString()));
            argv.addAll(command);
            int exit = run(argv, work, work.resolve("run-" + lists.size() + ".log"), Map.of());
            if (exit == INTERNAL_ERROR || !Files.isRegularFile(list)) {
                throw new IllegalStateException("training run failed (exit " + exit + "): " + String.join(" ", command)
                        + "; see " + work);
            }
            lists.add(list);
        }
        Path classList = jar.resolveSibling(CLASS_LIST);
        Files.write(classList, merge(lists), StandardCharsets.UTF_8);
        System.out.println("class list: " + classList + " (" + commands.size() + " training commands)");

        if (File.separatorChar != '/' || !Files.isExecutable(Path.of("/bin/sh"))) {
            System.out.println("no POSIX shell: no class-data archive (the Windows launcher does not use one)");
            return;
        }
        Path log = work.resolve("dump.log");
        int exit = run(List.of("/bin/sh", launcher.toString()), work, log, Map.of("CBAGENT_CDS_DUMP", jar.getParent().toString(),
                "CBAGENT_JAR", jar.toString(), "JAVA_HOME", System.getProperty("java.home")));
        String said = Files.readString(log, StandardCharsets.UTF_8).strip();
        if (exit != 0) {
            throw new IllegalStateException("the class-data archive could not be dumped (exit " + exit + "): " + said);
        }
        System.out.println(said);
    }

    /** The training commands with {@code {profile}} and {@code {invalid}} filled in: the list the jar's TrainingRun runs. */
    static List<List<String>> commands(Path training) throws IOException {
        return TrainingRun.commands(Files.readString(training.resolve("training-commands.txt"), StandardCharsets.UTF_8),
                training);
    }

    /**
     * One class list from several runs: each class once, in first-loaded order, without the per-run {@code id:}
     * numbers (they only link classes of custom loaders, which cbagent has none of); {@code @} lines (lambda
     * forms and proxies) once each.
     */
    static List<String> merge(List<Path> lists) throws IOException {
        Set<String> merged = new LinkedHashSet<>();
        for (Path list : lists) {
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#") || line.contains(" source: ")) {
                    continue;
                }
                merged.add(line.startsWith("@") ? line : ID.matcher(line).replaceFirst(""));
            }
        }
        return List.copyOf(merged);
    }

    private static int run(List<String> argv, Path dir, Path log, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(TrainingRun.trainingEnvironment());
        pb.environment().put("CBAGENT_LOG_DIR", dir.resolve("logs").toString());
        pb.environment().remove("CBAGENT_JAVA_OPTS");
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("did not finish in 120 s: " + String.join(" ", argv));
        }
        return process.exitValue();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
