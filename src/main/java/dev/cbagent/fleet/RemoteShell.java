package dev.cbagent.fleet;

import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.fleet.ssh.ExecResult;
import dev.cbagent.fleet.ssh.RemoteCommand;
import dev.cbagent.fleet.ssh.SshException;
import dev.cbagent.fleet.ssh.SshSession;
import dev.cbagent.plan.Step;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a host's side of the install conversation is spoken: POSIX sh ({@link RemoteScripts}) or, on Windows hosts
 * with OpenSSH, PowerShell ({@link WindowsRemoteScript}). Both speak the same protocol (header lines up to
 * {@code ready}, then cbagent's answer, the installer's output, the identity after it), so {@link HostInstall}
 * runs either the same way.
 */
interface RemoteShell {
    RemoteShell POSIX = new PosixRemoteShell();
    RemoteShell POWERSHELL = new WindowsRemoteShell();

    /** The shell for a host of this platform (null: Linux). */
    static RemoteShell forPlatform(String platform) {
        return "windows".equals(platform) ? POWERSHELL : POSIX;
    }

    /** How reports name the route: {@code ssh+sh} or {@code ssh+powershell}. */
    String route();

    /** Starts the install conversation on the host; close the result. */
    RemoteCommand start(SshSession session, Host host, HostPlan plan, Duration budget) throws SshException;

    /** What cbagent sends once the host is to be installed (or reset, then installed) with {@code installer}. */
    String answer(boolean reset, String installer, Step step) throws HostFailure;

    /** Copies the installer into the host's private folder {@code dir}; returns the path the host runs it by. */
    String upload(SshSession session, Path local, String dir) throws SshException;

    /** The exit code the conversation ended with. */
    int exitCode(ExecResult run);

    /** Whether a line of the host's output belongs to the protocol rather than to the installer. */
    default boolean isProtocolLine(String line) {
        return line.equals(RemoteScripts.READY) || line.startsWith(RemoteScripts.DIR)
                || line.startsWith(RemoteScripts.SHA256) || line.startsWith(RemoteIdentity.BEFORE)
                || line.startsWith(RemoteIdentity.AFTER);
    }
}
