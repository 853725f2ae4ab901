package dev.cbagent.support;

import dev.cbagent.error.Redactor;
import dev.cbagent.plan.Action;
import dev.cbagent.plan.Arg;
import dev.cbagent.plan.Argv;
import dev.cbagent.plan.Step;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fake installers every runner's test runs, so each runner is held to the same step semantics: a timeout that
 * stops the whole process tree, a reboot exit code, masked output, the options file kept off every command line,
 * and the agent identity read back after the step. The installers are POSIX sh scripts: they run the same way on
 * this machine and on a loopback SSH host (which is this machine too).
 */
public final class StepSemantics {
    public static final String SECRET = "pw-Zq8x!s3cr3t/value";
    public static final String NEW_INSTANCE_ID = "0D5E9A3C-1B2F-4C6D-8E7F-9A0B1C2D3E4F";
    public static final String NEW_AGENT_ID = "7A6B5C4D-3E2F-4A1B-9C8D-7E6F5A4B3C2D";
    /** A reboot exit code of the fake installer's step: POSIX exit codes stop at 255, so not Windows' 3010. */
    public static final int REBOOT_CODE = 101;

    private final Path dir;

    /** @param dir a test's own folder; the installers and what they record go there */
    public StepSemantics(Path dir) {
        this.dir = dir;
    }

    /** Where the fake agent keeps its configuration (CBAGENT_AGENT_ROOT). */
    public Path agentRoot() {
        return dir.resolve("agent-root");
    }

    /** The file the tree installer writes its background child's pid into. */
    public Path childPid() {
        return dir.resolve("child.pid");
    }

    /** The file the recording installer writes its own argv into, one argument a line. */
    public Path recordedArgs() {
        return dir.resolve("args.txt");
    }

    /** Every process's command line while the recording installer ran. */
    public Path recordedProcesses() {
        return dir.resolve("ps.txt");
    }

    /** Starts a child that would sleep for 5 minutes, then waits for it: only a tree kill ends both in time. */
    public Path treeInstaller() throws IOException {
        return script("tree.sh", "sleep 300 &\necho $! > " + childPid() + "\nwait\n");
    }

    /** Exits with the step's "reboot pending" code. */
    public Path rebootInstaller() throws IOException {
        return script("reboot.sh", "echo installed, restart needed\nexit " + REBOOT_CODE + "\n");
    }

    /**
     * Records its argv and every command line on the machine, prints its options file (the secret) plainly, base64-
     * and URL-encoded, registers (writes a new agent identity), and fails with exit 9 when no options file came.
     */
    public Path recordingInstaller() throws IOException {
        Path config = agentRoot().resolve("etc/Acronis/BackupAndRecovery.config");
        return script("record.sh", "f=\n"
                + "for a in \"$@\"; do printf '%s\\n' \"$a\"; case $a in --options-file=*) f=${a#--options-file=} ;; esac; "
                + "done > " + recordedArgs() + "\n"
                + "ps -eo args > " + recordedProcesses() + "\n"
                + "[ -n \"$f\" ] || exit 9\n"
                + "secret=$(cat \"$f\")\n"
                + "echo \"options: $secret\"\n"
                + "printf '%s' \"${secret#--password=}\" | base64\n"
                + "echo 'encoded: " + URLEncoder.encode(SECRET, StandardCharsets.UTF_8) + "'\n"
                + "mkdir -p " + config.getParent() + "\n"
                + "cat > " + config + " <<'XML'\n"
                + "<registry name=\"BackupAndRecovery\">\n  <key name=\"Settings\">\n    <key name=\"MachineManager\">\n"
                + "      <value name=\"InstanceID\" type=\"TString\">\"" + NEW_INSTANCE_ID + "\"</value>\n"
                + "      <value name=\"MMSCurrentMachineID\" type=\"TString\">\"" + NEW_AGENT_ID + "\"</value>\n"
                + "    </key>\n  </key>\n</registry>\nXML\n"
                + "echo registered\n");
    }

    /** An install step running {@code installer}, its password in the options file, {@link #REBOOT_CODE} its reboot code. */
    public static Step step(Path installer, Duration timeout) {
        return new Step("install", Action.INSTALL, new Argv(List.of(Arg.plain(installer.toString()), Arg.plain("--auto"))),
                List.of(Arg.secret("--password=", SECRET)), "--options-file", timeout, List.of(REBOOT_CODE));
    }

    public static Redactor redactor() {
        return new Redactor(List.of(SECRET));
    }

    /** Fails unless {@code text} holds the secret in none of its forms (plain, base64, URL-encoded). */
    public static void assertNoSecret(String text, String what) {
        for (String form : List.of(SECRET, Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)),
                URLEncoder.encode(SECRET, StandardCharsets.UTF_8))) {
            assertFalse(text.contains(form), what + " holds the secret (" + form + "):\n" + text);
        }
    }

    /**
     * Fails unless the recording installer got its secret through an options file whose path matches
     * {@code optionsFile} and is gone now, and the secret was on no command line of the machine while it ran.
     */
    public void assertOptionsFileOnly(String optionsFile) throws IOException {
        List<String> args = Files.readAllLines(recordedArgs());
        assertEquals("--auto", args.get(0));
        assertTrue(args.get(1).matches("--options-file=" + optionsFile), args::toString);
        assertFalse(Files.exists(Path.of(args.get(1).substring("--options-file=".length()))),
                "the options file outlived the step");
        assertNoSecret(String.join("\n", args), "the installer's argv");
        String processes = Files.readString(recordedProcesses());
        assertTrue(processes.contains("--options-file="), "the process list was not recorded:\n" + processes);
        assertNoSecret(processes, "a command line on the machine");
    }

    /** Waits up to 15 s for the tree installer's child to be gone (a zombie waiting for its reaper counts). */
    public void assertChildGone() throws Exception {
        assertTrue(Files.exists(childPid()), "the installer did not start its child");
        String pid = Files.readString(childPid()).strip();
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            if (gone(pid)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the installer's child " + pid + " outlived the timeout");
    }

    private static boolean gone(String pid) throws IOException {
        Path stat = Path.of("/proc", pid, "stat");
        try {
            String text = Files.readString(stat);
            return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        }
    }

    private Path script(String name, String body) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
