package dev.cbagent.fleet;

import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.fleet.ssh.ExecResult;
import dev.cbagent.fleet.ssh.RemoteCommand;
import dev.cbagent.fleet.ssh.SshException;
import dev.cbagent.fleet.ssh.SshSession;
import dev.cbagent.plan.Step;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The PowerShell route to a Windows host with OpenSSH: {@value WindowsRemoteScript#COMMAND} with the script on
 * stdin; the installer's arguments (secrets included) follow on stdin once the host is to be installed.
 */
final class WindowsRemoteShell implements RemoteShell {
    @Override
    public String route() {
        return "ssh+powershell";
    }

    /** The script the host runs for this plan (the golden files hold examples). */
    static String script(Host host, HostPlan plan) {
        List<List<String>> restart = plan.identity().restart().stream().map(s -> s.argv().values()).toList();
        return WindowsRemoteScript.install(plan.step().argv().program(), host.env(), restart, plan.step().timeout());
    }

    @Override
    public RemoteCommand start(SshSession session, Host host, HostPlan plan, Duration budget) throws SshException {
        RemoteCommand command = session.start(WindowsRemoteScript.COMMAND, budget);
        try {
            command.send(script(host, plan));
        } catch (SshException e) {
            command.close();
            throw e;
        }
        return command;
    }

    @Override
    public String answer(boolean reset, String installer, Step step) throws HostFailure {
        List<String> values = step.argv().values();
        return WindowsRemoteScript.answer(reset, installer, values.subList(1, values.size()));
    }

    @Override
    public String upload(SshSession session, Path local, String dir) throws SshException {
        // The folder's ACL (inherited by the file) keeps it private; Windows has no mode bits to set.
        session.upload(local, WindowsRemoteScript.sftpPath(dir + "\\" + local.getFileName()));
        return dir + "\\" + local.getFileName();
    }

    /** The script's own {@code cbagent-exit=} line, else the channel's exit status. */
    @Override
    public int exitCode(ExecResult run) {
        return run.stdout().lines().filter(l -> l.startsWith(WindowsRemoteScript.EXIT))
                .map(l -> l.substring(WindowsRemoteScript.EXIT.length()).strip())
                .filter(t -> t.matches("-?[0-9]{1,10}"))
                .reduce((a, b) -> b).map(t -> (int) Long.parseLong(t)).orElse(run.exitCode());
    }

    @Override
    public boolean isProtocolLine(String line) {
        return RemoteShell.super.isProtocolLine(line) || line.startsWith(WindowsRemoteScript.EXIT);
    }
}
