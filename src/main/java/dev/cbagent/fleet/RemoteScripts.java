package dev.cbagent.fleet;

import dev.cbagent.exec.PosixShell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The POSIX sh command lines run on a host. None of them carries a secret: secrets travel in a 0600 options file
 * uploaded over SFTP. Every value is quoted with {@link PosixShell}.
 */
final class RemoteScripts {
    /** Exit code of the prepare script when {@code sudo -n} needs a password. */
    static final int SUDO_REFUSED = 71;
    /** Exit code of the prepare script when no private folder could be made. */
    static final int NO_TEMP_DIR = 70;

    private RemoteScripts() {
    }

    static String hostname() {
        return "hostname";
    }

    /**
     * Makes a private folder ({@code mktemp -d}, 0700) and prints {@code dir=PATH}; prints {@code sha256=HEX} of
     * {@code installerPath} when that file is already on the host.
     */
    static String prepare(String installerPath, boolean sudo) {
        String p = PosixShell.quote(installerPath);
        String script = "umask 077\n"
                + (sudo ? "sudo -n true 2>/dev/null || { echo 'sudo -n needs a password on this host' >&2; exit "
                + SUDO_REFUSED + "; }\n" : "")
                + "d=$(mktemp -d \"${TMPDIR:-/tmp}/cbagent-fleet.XXXXXXXXXX\") || exit " + NO_TEMP_DIR + "\n"
                + "echo \"dir=$d\"\n"
                + "if [ -f " + p + " ] && [ -r " + p + " ]; then\n"
                + "  s=$(sha256sum < " + p + " 2>/dev/null) && echo \"sha256=${s%% *}\"\n"
                + "fi\n";
        return "sh -c " + PosixShell.quote(script);
    }

    /**
     * Runs {@code argv} with {@code env}, stdin from /dev/null, and removes {@code dir} afterwards. A watchdog
     * reads the SSH channel's stdin: when it ends (cbagent stopped, timed out or was killed, the connection broke)
     * the installer gets SIGTERM, so it never keeps running behind a run that will be resumed.
     */
    static String install(List<String> argv, Map<String, String> env, String dir, boolean sudo) {
        List<String> command = new ArrayList<>();
        if (!env.isEmpty()) {
            command.add("env");
            env.forEach((k, v) -> command.add(k + "=" + v));
        }
        command.addAll(argv);
        String script = "exec 3<&0 </dev/null\n"
                + "cd / || exit " + NO_TEMP_DIR + "\n"
                + PosixShell.render(command) + " 3<&- &\n"
                + "pid=$!\n"
                + "( cat <&3 >/dev/null 2>&1; kill -TERM \"$pid\" 2>/dev/null ) >/dev/null 2>&1 &\n"
                + "watch=$!\n"
                + "exec 3<&-\n"
                + "wait \"$pid\"\n"
                + "rc=$?\n"
                + "kill \"$watch\" 2>/dev/null\n"
                + "rm -rf -- " + PosixShell.quote(dir) + "\n"
                + "exit $rc\n";
        return (sudo ? "sudo -n " : "") + "sh -c " + PosixShell.quote(script);
    }

    static String cleanup(String dir) {
        return "rm -rf -- " + PosixShell.quote(dir);
    }
}
