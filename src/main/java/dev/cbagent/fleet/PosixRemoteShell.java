package dev.cbagent.fleet;

import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.fleet.ssh.ExecResult;
import dev.cbagent.fleet.ssh.RemoteCommand;
import dev.cbagent.fleet.ssh.SshException;
import dev.cbagent.fleet.ssh.SshSession;
import dev.cbagent.exec.OptionsFile;
import dev.cbagent.plan.Arg;
import dev.cbagent.plan.Step;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The POSIX sh route: one {@code sh -c SCRIPT} command; the secret options go on stdin into a 0600 file. */
final class PosixRemoteShell implements RemoteShell {
    @Override
    public String route() {
        return "ssh+sh";
    }

    @Override
    public RemoteCommand start(SshSession session, Host host, HostPlan plan, Duration budget) throws SshException {
        Step step = plan.step();
        List<String> args = step.argv().values().subList(1, step.argv().values().size());
        String optionsFlag = step.optionsFile().isEmpty() ? null : step.optionsFileFlag();
        List<List<String>> restart = plan.identity().restart().stream().map(s -> s.argv().values()).toList();
        return session.start(RemoteScripts.install(step.argv().program(), args, host.env(), optionsFlag, host.sudo(),
                restart), budget);
    }

    @Override
    public String answer(boolean reset, String installer, Step step) throws HostFailure {
        if (installer.indexOf('\n') >= 0 || installer.indexOf('\r') >= 0) {
            throw new HostFailure("upload", null, "the installer's path contains a line break");
        }
        return (reset ? RemoteScripts.RESET : RemoteScripts.INSTALL) + "\n" + installer + "\n"
                + step.optionsFile().size() + "\n" + optionsFile(step);
    }

    /** The options file's lines, each ending in a line break; one per option, so the host can count them. */
    private static String optionsFile(Step step) throws HostFailure {
        try {
            return OptionsFile.text(step.optionsFile().stream().map(Arg::value).toList());
        } catch (IllegalArgumentException e) {
            throw new HostFailure("upload", null, "an option for the options file contains a line break");
        }
    }

    @Override
    public String upload(SshSession session, Path local, String dir) throws SshException {
        String target = dir + "/" + local.getFileName();
        session.upload(local, target, 0700);
        return target;
    }

    @Override
    public int exitCode(ExecResult run) {
        return run.exitCode();
    }
}
