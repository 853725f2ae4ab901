package dev.cbagent.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built jar as a separate process, the way users and scripts do. */
public final class JarRunner {
    private final Path jar;
    private final Path workDir;
    private final Map<String, String> env;
    private final java.time.Duration limit;

    public JarRunner(Path workDir, Map<String, String> env) {
        this(workDir, env, java.time.Duration.ofSeconds(120));
    }

    private JarRunner(Path workDir, Map<String, String> env, java.time.Duration limit) {
        this.jar = jar();
        this.workDir = workDir;
        this.env = env;
        this.limit = limit;
    }

    /** The same runner, but a run that takes longer than {@code limit} is killed and fails the test. */
    public JarRunner within(java.time.Duration newLimit) {
        return new JarRunner(workDir, env, newLimit);
    }

    /** The built jar under test ({@code -Dcbagent.jar}, set by the failsafe configuration). */
    public static Path jar() {
        return Path.of(System.getProperty("cbagent.jar", "target/cbagent.jar")).toAbsolutePath();
    }

    public static Path projectRoot() {
        return Path.of(System.getProperty("cbagent.root", ".")).toAbsolutePath();
    }

    /** Exit code and both streams of one run; {@code toString} shows all three for assertion messages. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("cbagent-out", ".txt");
            Path err = Files.createTempFile("cbagent-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().keySet().removeIf(name -> name.startsWith("CB_"));
            pb.environment().putAll(env);
            Process process = pb.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("cbagent did not finish within " + limit.toSeconds() + " s: " + command);
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
