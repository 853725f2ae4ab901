package dev.cbagent.fleet;

import dev.cbagent.fleet.ssh.ExecResult;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a failed host's report and log keep of the remote command's output: the installer's, not the handshake. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InstallerOutputTest {
    private static final String HANDSHAKE = "dir=/tmp/cbagent-fleet.x\nsha256=abc\nidentity=none\nready\n";

    @Test
    void a_silent_installer_leaves_no_handshake_word_as_its_last_line() {
        ExecResult run = new ExecResult(1, HANDSHAKE + "cbagent-identity-after=none\n", "");
        assertEquals("", SshRunner.lastLine(SshRunner.installerOutput(run, RemoteShell.POSIX)));
        assertEquals("", SshRunner.installerOutput(run, RemoteShell.POSIX));
    }

    @Test
    void the_installers_stdout_then_stderr_without_the_handshake() {
        ExecResult run = new ExecResult(3, HANDSHAKE + "unpacking\ninstalling\ncbagent-identity-after=none\n",
                "fatal: disk full\n");
        assertEquals("fatal: disk full", SshRunner.lastLine(SshRunner.installerOutput(run, RemoteShell.POSIX)));
        assertEquals("unpacking\ninstalling\nfatal: disk full", SshRunner.installerOutput(run, RemoteShell.POSIX));
    }
}
