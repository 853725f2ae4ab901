package dev.cbagent.cli;

import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.support.JarRunner;
import dev.cbagent.support.SandboxRigTest;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: no file holding a secret outlives a local run (options files on SIGTERM and after kill -9), and
 * error logs are private and rotated.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecretFilesIT extends SandboxRigTest {

    private Path tmp() throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        env.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
        return tmp;
    }

    private static List<Path> optionsFiles(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("cbagent-options-")).toList();
        }
    }

    @Test
    void a_linux_install_passes_its_secrets_in_an_options_file_that_sigterm_does_not_leave_behind() throws Exception {
        start(SandboxConfig.defaults());
        Path tmp = tmp();
        env.put("CBAGENT_FAKE_SLEEP", "15");
        Path profile = profile("");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JarRunner.jar().toString(), "install", profile.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().keySet().removeIf(name -> name.startsWith("CB_"));
        pb.environment().putAll(env);
        Process process = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (optionsFiles(tmp).isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<Path> during = optionsFiles(tmp);
            assertEquals(1, during.size(), () -> "no options file while the installer runs: " + during + "\n"
                    + read(dir.resolve("err.txt")));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(during.get(0))));
            String secrets = Files.readString(during.get(0));
            assertTrue(secrets.contains("--token=" + TOKEN), "the token travels in the file, not in ps");

            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "cbagent did not end on SIGTERM");
            assertEquals(List.of(), optionsFiles(tmp), "an options file outlived the run");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void options_files_left_by_a_killed_run_are_removed_at_the_next_start_and_live_ones_are_kept() throws Exception {
        Path tmp = tmp();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = tmp.resolve("cbagent-options-" + gone.pid() + "-4711.txt");
        Path live = tmp.resolve("cbagent-options-" + ProcessHandle.current().pid() + "-4712.txt");
        Path foreign = tmp.resolve("cbagent-options-notes.txt");
        for (Path p : List.of(stale, live, foreign)) {
            Files.writeString(p, "--token=" + TOKEN + "\n");
        }

        JarRunner.Result result = cbagent("schema");
        assertEquals(0, result.exitCode(), result::toString);
        assertFalse(Files.exists(stale), "the stale options file of a dead process is still there");
        assertTrue(Files.exists(live), "the options file of a running process was removed");
        assertTrue(Files.exists(foreign), "a file not named by cbagent was removed");
    }

    @Test
    void error_logs_are_private_and_only_the_last_20_are_kept() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        for (int i = 0; i < 25; i++) {
            Path old = logs.resolve("cbagent-error-" + (1000 + i) + ".log");
            Files.writeString(old, "old trace\n");
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(1_000_000L + i));
        }
        // a failure with a cause (here: TLS spoken to a plain-HTTP server) leaves its trace in an error log
        start(SandboxConfig.defaults());
        Path profile = profile("https://" + server.baseUri().getAuthority(), "");
        JarRunner.Result result = cbagent("verify", profile.toString(), "--timeout", "1s");
        assertEquals(6, result.exitCode(), result::toString);
        try (Stream<Path> files = Files.list(logs)) {
            List<Path> errorLogs = files.filter(p -> p.getFileName().toString().startsWith("cbagent-error-")).toList();
            assertEquals(20, errorLogs.size(), () -> errorLogs + "\n" + result);
            List<Path> fresh = new ArrayList<>();
            for (Path log : errorLogs) {
                if (!Files.readString(log).equals("old trace\n")) {
                    fresh.add(log);
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
                }
            }
            assertEquals(1, fresh.size(), errorLogs::toString);
            assertFalse(Files.exists(logs.resolve("cbagent-error-1000.log")), "the oldest log was kept");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
