package dev.cbagent.fleet;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The remote scripts, run here by /bin/sh as sshd would run them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RemoteScriptsTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    /** Runs a command line; {@code holdStdin} keeps its stdin open until it ends, as the SSH client does. */
    private Run sh(String commandLine, boolean holdStdin) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", commandLine).redirectErrorStream(true).start();
        if (!holdStdin) {
            p.getOutputStream().close();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        p.getOutputStream().close();
        return new Run(exit, out);
    }

    @Test
    void prepare_makes_a_private_folder_and_reports_the_checksum_of_a_file_already_there() throws Exception {
        Path installer = dir.resolve("it's here.bin");
        Files.writeString(installer, "abc");
        Run run = sh(RemoteScripts.prepare(installer.toString(), false), false);
        assertEquals(0, run.exit(), run.out());
        String folder = run.out().lines().filter(l -> l.startsWith("dir=")).findFirst().orElseThrow().substring(4);
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Path.of(folder))));
        assertTrue(run.out().contains("sha256=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), run.out());
        Files.delete(Path.of(folder));
        Run missing = sh(RemoteScripts.prepare(dir.resolve("missing").toString(), false), false);
        assertFalse(missing.out().contains("sha256="), missing.out());
        Files.delete(Path.of(missing.out().lines().findFirst().orElseThrow().substring(4)));
    }

    @Test
    void install_passes_argv_and_env_literally_returns_the_exit_code_and_removes_the_folder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("cbagent-fleet.x"));
        Path out = dir.resolve("out.txt");
        List<String> argv = List.of("/bin/sh", "-c", "printf '%s|' \"$@\" \"$K\" > " + out + "; exit 4", "argv0",
                "$(touch pwned)", "a b", "it's");
        Run run = sh(RemoteScripts.install(argv, Map.of("K", "v;1"), folder.toString(), false), true);
        assertEquals(4, run.exit(), run.out());
        assertEquals("$(touch pwned)|a b|it's|v;1|", Files.readString(out));
        assertFalse(Files.exists(folder));
        assertFalse(Files.exists(Path.of("pwned")));
    }

    @Test
    void install_stops_the_installer_when_stdin_closes() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("cbagent-fleet.y"));
        long start = System.nanoTime();
        Run run = sh(RemoteScripts.install(List.of("/bin/sleep", "30"), Map.of(), folder.toString(), false), false);
        assertEquals(143, run.exit(), run.out());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "the installer was not stopped");
    }
}
