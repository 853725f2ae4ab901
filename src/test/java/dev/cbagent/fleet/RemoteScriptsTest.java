package dev.cbagent.fleet;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The remote install script, run here by /bin/sh as sshd would run it, with cbagent's side played by the test. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RemoteScriptsTest {
    @TempDir
    Path dir;

    /** The script running: its header lines (up to {@code ready}), its stdin, and the rest of its output. */
    private record Conversation(Process process, List<String> header, OutputStream stdin, BufferedReader out) {
        String field(String prefix) {
            return header.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                    .findFirst().orElse(null);
        }

        void send(String text) throws Exception {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        int exit() throws Exception {
            out.transferTo(java.io.Writer.nullWriter());
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the script did not end");
            return process.exitValue();
        }
    }

    private Conversation start(String commandLine) throws Exception {
        return conversation(new ProcessBuilder("/bin/sh", "-c", commandLine).redirectErrorStream(true).start());
    }

    /** The script's shell itself is the process (so a signal reaches it), with its folder made under {@code tmp}. */
    private Process startIn(Path tmp) throws Exception {
        Files.createDirectories(tmp);
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", "exec " + RemoteScripts.install(
                dir.resolve("missing").toString(), List.of(), Map.of(), null, false)).redirectErrorStream(true);
        builder.environment().put("TMPDIR", tmp.toString());
        return builder.start();
    }

    private static List<Path> leftIn(Path tmp) throws Exception {
        try (var entries = Files.list(tmp)) {
            return entries.toList();
        }
    }

    private Conversation conversation(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> header = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            header.add(line);
            if (line.equals(RemoteScripts.READY)) {
                break;
            }
        }
        return new Conversation(p, header, p.getOutputStream(), out);
    }

    @Test
    void it_makes_a_private_folder_and_reports_the_checksum_of_an_installer_already_there() throws Exception {
        Path installer = dir.resolve("it's here.bin");
        Files.writeString(installer, "abc");
        Conversation c = start(RemoteScripts.install(installer.toString(), List.of(), Map.of(), null, false));
        assertTrue(c.header().contains(RemoteScripts.READY), c.header()::toString);
        Path folder = Path.of(c.field(RemoteScripts.DIR));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", c.field(RemoteScripts.SHA256));
        c.stdin().close();
        assertEquals(RemoteScripts.NOT_STARTED, c.exit());
        assertFalse(Files.exists(folder), "the folder must go when cbagent ends the conversation");

        Conversation missing = start(RemoteScripts.install(dir.resolve("missing").toString(), List.of(), Map.of(),
                null, false));
        assertEquals(null, missing.field(RemoteScripts.SHA256), missing.header()::toString);
        missing.stdin().close();
        assertEquals(RemoteScripts.NOT_STARTED, missing.exit());
    }

    @Test
    void a_first_line_that_is_no_instruction_ends_the_script_and_removes_the_folder() throws Exception {
        Conversation c = start(RemoteScripts.install(dir.resolve("missing").toString(), List.of(), Map.of(), null, false));
        Path folder = Path.of(c.field(RemoteScripts.DIR));
        assertTrue(Files.isDirectory(folder));
        c.send("skip\n");
        assertEquals(RemoteScripts.NOT_STARTED, c.exit());
        assertFalse(Files.exists(folder), "the folder must go when cbagent skips the host");
    }

    @Test
    void a_hang_up_or_sigterm_while_waiting_for_the_instruction_removes_the_folder() throws Exception {
        for (String signal : List.of("HUP", "TERM")) {
            Path tmp = dir.resolve("tmp-" + signal);
            Process p = startIn(tmp);
            Conversation c = conversation(p);
            assertTrue(c.header().contains(RemoteScripts.READY), c.header()::toString);
            Path folder = Path.of(c.field(RemoteScripts.DIR));
            assertTrue(Files.isDirectory(folder));
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "the signal was not sent");
            assertEquals(RemoteScripts.SESSION_LOST, c.exit(), "SIG" + signal + " did not end the script");
            assertEquals(List.of(), leftIn(tmp), "SIG" + signal + " left the folder");
        }
    }

    @Test
    void a_connection_closed_before_ready_removes_the_folder() throws Exception {
        Path tmp = dir.resolve("tmp");
        Process p = startIn(tmp);
        // Nobody reads the header any more (the session dropped); stdin stays open, so only SIGPIPE can end it.
        p.getInputStream().close();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the script did not end when its output was closed");
        assertEquals(RemoteScripts.SESSION_LOST, p.exitValue(), "the script did not end by SIGPIPE");
        assertEquals(List.of(), leftIn(tmp), "a lost connection left the folder");
        p.getOutputStream().close();
    }

    @Test
    void it_runs_the_installer_named_on_stdin_with_argv_env_and_a_0600_options_file_literally() throws Exception {
        Path out = dir.resolve("out.txt");
        Path installer = dir.resolve("installer.sh");
        Files.writeString(installer, "#!/bin/sh\n"
                + "for a in \"$@\"; do case $a in --options-file=*) f=${a#--options-file=} ;; esac; done\n"
                + "{ printf '%s|' \"$@\" \"$K\"; echo; stat -c %a \"$f\"; cat \"$f\"; } > " + out + "\n"
                + "exit 4\n");
        Files.setPosixFilePermissions(installer, PosixFilePermissions.fromString("rwx------"));
        Conversation c = start(RemoteScripts.install("/nowhere/installer", List.of("$(touch pwned)", "a b", "it's"),
                Map.of("K", "v;1"), "--options-file", false));
        Path folder = Path.of(c.field(RemoteScripts.DIR));
        c.send(RemoteScripts.INSTALL + "\n" + installer + "\n2\n--token=s3cr$t 'x'\n--password=\\n\n");
        assertEquals(4, c.exit());
        List<String> lines = Files.readAllLines(out);
        assertEquals("$(touch pwned)|a b|it's|--options-file=" + folder + "/options|v;1|", lines.get(0));
        assertEquals("600", lines.get(1));
        assertEquals(List.of("--token=s3cr$t 'x'", "--password=\\n"), lines.subList(2, 4));
        assertFalse(Files.exists(folder));
        assertFalse(Files.exists(Path.of("pwned")));
    }

    @Test
    void reset_empties_the_cloned_ids_restarts_the_service_then_installs_and_reports_the_new_identity() throws Exception {
        Path root = dir.resolve("agent");
        Path config = root.resolve("etc/Acronis/BackupAndRecovery.config");
        Files.createDirectories(config.getParent());
        String xml = """
                <registry name="BackupAndRecovery">
                  <key name="Settings">
                    <key name="MachineManager">
                      <value name="InstanceID" type="TString">"5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F"</value>
                      <value name="Untouched" type="TString">"keep me"</value>
                      <value name="mmscurrentmachineid" type="TString">
                        "8F3B2C1D-7A6E-4F5D-8C9B-0A1B2C3D4E5F"
                      </value>
                    </key>
                  </key>
                </registry>
                """;
        Files.writeString(config, xml);
        Path restarted = dir.resolve("restarted");
        Path installer = dir.resolve("installer.sh");
        // The installer registers: it writes a new InstanceID, as the product's would.
        Files.writeString(installer, "#!/bin/sh\nsed -i 's/name=\"InstanceID\" type=\"TString\">\"\"/name=\"InstanceID\" "
                + "type=\"TString\">\"NEW-ID\"/' " + config + "\n");
        Files.setPosixFilePermissions(installer, PosixFilePermissions.fromString("rwx------"));
        Conversation c = start(RemoteScripts.install(installer.toString(), List.of(),
                Map.of("CBAGENT_AGENT_ROOT", root.toString()), null, false, List.of(List.of("touch", restarted.toString()))));
        assertEquals("id 5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F 8F3B2C1D-7A6E-4F5D-8C9B-0A1B2C3D4E5F",
                c.field(RemoteIdentity.BEFORE), c.header()::toString);
        c.send(RemoteScripts.RESET + "\n" + installer + "\n0\n");
        List<String> rest = new ArrayList<>();
        for (String line; (line = c.out().readLine()) != null; ) {
            rest.add(line);
        }
        assertEquals(0, c.exit());
        assertTrue(Files.exists(restarted), "the service restart ran");
        String after = Files.readString(config);
        assertTrue(after.contains("\"keep me\""), after);
        assertFalse(after.contains("8F3B2C1D"), after);
        assertEquals(RemoteIdentity.AFTER + "id NEW-ID -", rest.get(rest.size() - 1), rest::toString);
    }

    @Test
    void the_installer_is_stopped_when_stdin_closes() throws Exception {
        Conversation c = start(RemoteScripts.install("/bin/sleep", List.of("30"), Map.of(), null, false));
        Path folder = Path.of(c.field(RemoteScripts.DIR));
        long start = System.nanoTime();
        c.send(RemoteScripts.INSTALL + "\n/bin/sleep\n0\n");
        Thread.sleep(300);
        c.stdin().close();
        assertEquals(143, c.exit());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "the installer was not stopped");
        assertFalse(Files.exists(folder));
    }

    @Test
    void the_options_file_goes_as_soon_as_the_session_is_lost_even_when_the_installer_ignores_sigterm() throws Exception {
        Path installer = dir.resolve("stubborn.sh");
        Files.writeString(installer, "#!/bin/sh\ntrap '' TERM\nsleep 3\n");
        Files.setPosixFilePermissions(installer, PosixFilePermissions.fromString("rwx------"));
        Conversation c = start(RemoteScripts.install("/nowhere/installer", List.of(), Map.of(), "--options-file", false));
        Path folder = Path.of(c.field(RemoteScripts.DIR));
        c.send(RemoteScripts.INSTALL + "\n" + installer + "\n1\n--token=s3cret\n");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!Files.exists(folder.resolve("options")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(folder.resolve("options")), "the options file was never written");
        Thread.sleep(300);
        c.stdin().close(); // the session is gone (cbagent killed, connection lost)
        deadline = System.nanoTime() + 1_500_000_000L;
        while (Files.exists(folder.resolve("options")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(Files.exists(folder.resolve("options")), "the secrets stayed on disk while the installer ran on");
        c.exit();
        assertFalse(Files.exists(folder));
    }
}
