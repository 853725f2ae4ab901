package dev.cbagent.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built jar as a separate process, the way users and scripts do: through the launcher
 * ({@code scripts/cbagent}: its JVM options and the class-data archive the build dumped beside the jar), with this
 * JVM as {@code JAVA_HOME}; {@code java -jar} where there is no POSIX shell.
 */
public final class JarRunner {
    private final Path workDir;
    private final Map<String, String> env;
    private final java.time.Duration limit;

    public JarRunner(Path workDir, Map<String, String> env) {
        this(workDir, env, java.time.Duration.ofSeconds(120));
    }

    private JarRunner(Path workDir, Map<String, String> env, java.time.Duration limit) {
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

    /** The source tree's launcher, {@code scripts/cbagent}. */
    public static Path launcher() {
        return projectRoot().resolve("scripts").resolve("cbagent");
    }

    /** The argv prefix that starts the jar under test as the launcher does. */
    public static List<String> command() {
        Path sh = Path.of("/bin/sh");
        if (Files.isExecutable(sh) && Files.isRegularFile(launcher())) {
            return List.of(sh.toString(), launcher().toString());
        }
        return List.of(javaBin(), "-jar", jar().toString());
    }

    /** The environment the launcher needs to run the jar under test with this JVM. */
    public static void launcherEnvironment(Map<String, String> environment) {
        environment.put("CBAGENT_JAR", jar().toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.remove("CBAGENT_CDS");
        environment.remove("CBAGENT_CDS_DUMP");
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
        List<String> command = new ArrayList<>(command());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("cbagent-out", ".txt");
            Path err = Files.createTempFile("cbagent-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().keySet().removeIf(name -> name.startsWith("CB_"));
            launcherEnvironment(pb.environment());
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
