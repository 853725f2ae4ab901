package dev.cbagent.fleet;

import dev.cbagent.exec.PosixShell;

import java.util.List;
import java.util.Map;

/**
 * The POSIX sh command lines run on a host. None of them carries a secret: secrets travel on the command's stdin
 * into a 0600 options file. Every value is quoted with {@link PosixShell}.
 */
final class RemoteScripts {
    /** Exit code when {@code sudo -n} needs a password. */
    static final int SUDO_REFUSED = 71;
    /** Exit code when no private folder could be made. */
    static final int NO_TEMP_DIR = 70;
    /** Exit code when cbagent ended the conversation before the installer started (stdin closed). */
    static final int NOT_STARTED = 75;
    /** Exit code when a signal (hang-up, SIGTERM, SIGPIPE of a closed connection) ended the script. */
    static final int SESSION_LOST = 129;
    /** Exit code when clearing a cloned identity or restarting the agent service failed. */
    static final int RESET_FAILED = 76;
    /** The first line cbagent sends: go on with the install. */
    static final String INSTALL = "install";
    /** The first line cbagent sends: clear the cloned identity, restart the agent service, then install. */
    static final String RESET = "reset";
    /** The line that ends the host's part of the handshake. */
    static final String READY = "ready";
    static final String DIR = "dir=";
    static final String SHA256 = "sha256=";

    private RemoteScripts() {
    }

    static String hostname() {
        return "hostname";
    }

    /**
     * The whole install as one command (one exec channel, so the login shell starts once):
     * <ol>
     *   <li>makes a private folder ({@code mktemp -d}, 0700) and prints {@code dir=PATH}, then {@code sha256=HEX} of
     *       {@code installerPath} when that file is already on the host, then {@code ready};</li>
     *   <li>reads from stdin the installer to run (a path, while cbagent may have uploaded it into the folder
     *       meanwhile), then the number of option lines and those lines, which it writes into the 0600 file
     *       {@code options} in the folder (so they never show on a command line);</li>
     *   <li>runs {@code installer args... [optionsFlag=FOLDER/options]} with {@code env}, stdin from /dev/null, and
     *       removes the folder afterwards. A watchdog reads the rest of stdin: when it ends (cbagent stopped, timed
     *       out or was killed, the connection broke) the options file is removed at once and the installer gets
     *       SIGTERM (with every process it started, where {@code setsid} is there), so neither the secrets nor
 *       the installer outlive the session.</li>
     * </ol>
     * If stdin ends before step 3, the folder is removed and the exit code is {@link #NOT_STARTED}; a signal or a
     * closed stdout (the session dropped) removes it too, from the moment it exists, with {@link #SESSION_LOST}. With
     * {@code sudo}, step 3 runs as root through {@code sudo -n}.
     *
     * @param optionsFlag e.g. {@code --options-file}, or null when the installer takes no options file
     */
    static String install(String installerPath, List<String> args, Map<String, String> env, String optionsFlag,
                          boolean sudo) {
        return install(installerPath, args, env, optionsFlag, sudo, List.of());
    }

    /**
     * As above; the first line cbagent sends is {@link #INSTALL}, or {@link #RESET} to clear a cloned agent
     * identity and run {@code restart} (the agent service restart, each an argv) before the installer.
     */
    static String install(String installerPath, List<String> args, Map<String, String> env, String optionsFlag,
                          boolean sudo, List<List<String>> restart) {
        String p = PosixShell.quote(installerPath);
        String script = "umask 077\n"
                + RemoteIdentity.function()
                + "root=" + RemoteIdentity.rootExpression(env) + "\n"
                + (sudo ? "sudo -n true 2>/dev/null || { echo 'sudo -n needs a password on this host' >&2; exit "
                + SUDO_REFUSED + "; }\n" : "")
                // Armed before the folder exists: a session lost at any point up to the installer removes it.
                // exec does not run the EXIT trap; the installer's shell sets its own.
                + "d=\n"
                + "trap '[ -z \"$d\" ] || rm -rf -- \"$d\"' EXIT\n"
                + "trap 'exit " + SESSION_LOST + "' HUP INT TERM PIPE\n"
                + "d=$(mktemp -d \"${TMPDIR:-/tmp}/cbagent-fleet.XXXXXXXXXX\") || exit " + NO_TEMP_DIR + "\n"
                + "echo \"" + DIR + "$d\"\n"
                + "if [ -f " + p + " ] && [ -r " + p + " ]; then\n"
                + "  s=$(sha256sum < " + p + " 2>/dev/null) && echo \"" + SHA256 + "${s%% *}\"\n"
                + "fi\n"
                + "ident " + RemoteIdentity.BEFORE + " \"$root\"" + (sudo ? " sudo" : "") + "\n"
                + "echo " + READY + "\n"
                + "quit() { exit " + NOT_STARTED + "; }\n"
                + "IFS= read -r mode || quit\n"
                + "case $mode in " + INSTALL + ") ;; " + RESET + ")\n"
                + "  " + (sudo ? "sudo -n " : "") + "sh -c " + PosixShell.quote(reset(restart, env)) + " sh \"$root\" || exit "
                + RESET_FAILED + " ;;\n"
                + "*) quit ;; esac\n"
                + "IFS= read -r prog || quit\n"
                + "IFS= read -r n || quit\n"
                + "case $n in ''|*[!0-9]*) quit ;; esac\n"
                + "while [ \"$n\" -gt 0 ]; do\n"
                + "  IFS= read -r line || quit\n"
                + "  printf '%s\\n' \"$line\" >>\"$d/options\" || quit\n"
                + "  n=$((n - 1))\n"
                + "done\n"
                + "exec " + (sudo ? "sudo -n " : "") + "sh -c " + PosixShell.quote(run(args, env, optionsFlag))
                + " sh \"$d\" \"$prog\" \"$root\"\n";
        return "sh -c " + PosixShell.quote(script);
    }

    /**
     * {@code sh -c RESET sh AGENT_ROOT}: empties the quoted values of {@code InstanceID} and
     * {@code MMSCurrentMachineID} in the agent's configuration (the rest stays as it is), then restarts the service.
     */
    private static String reset(List<List<String>> restart, Map<String, String> env) {
        StringBuilder script = new StringBuilder("f=\"$1/etc/Acronis/BackupAndRecovery.config\"\n"
                + "[ -f \"$f\" ] || exit 0\n");
        for (String name : List.of("InstanceID", "MMSCurrentMachineID")) {
            String attribute = "name=\"" + caseless(name) + "\"";
            // The value on the same line as its tag, or on the lines up to </value>.
            script.append("sed -i -e ").append(PosixShell.quote("s/\\(" + attribute + "[^>]*>\\)[[:space:]]*\"[^\"]*\"/\\1\"\"/"))
                    .append(" -e ").append(PosixShell.quote("/" + attribute + "[^<]*$/,/<\\/value>/{ /<value/!s/\"[^\"]*\"/\"\"/; }"))
                    .append(" \"$f\" || exit 1\n");
        }
        for (List<String> argv : restart) {
            script.append(envPrefix(env)).append(PosixShell.render(argv)).append(" || exit 1\n");
        }
        return script.toString();
    }

    /** {@code env 'K=V' ... } for the host list's variables, or nothing. */
    private static String envPrefix(Map<String, String> env) {
        StringBuilder prefix = new StringBuilder();
        if (!env.isEmpty()) {
            prefix.append("env ");
            env.forEach((k, v) -> prefix.append(PosixShell.quote(k + "=" + v)).append(' '));
        }
        return prefix.toString();
    }

    /** {@code InstanceID} as a sed pattern that ignores case: {@code [Ii][Nn]...}. */
    private static String caseless(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            out.append('[').append(Character.toUpperCase(c)).append(Character.toLowerCase(c)).append(']');
        }
        return out.toString();
    }

    /**
     * Step 3 of {@link #install}: {@code sh -c RUN sh FOLDER INSTALLER AGENT_ROOT}; after the installer, its
     * identity line ({@link RemoteIdentity#AFTER}) is the last line of the output.
     */
    private static String run(List<String> args, Map<String, String> env, String optionsFlag) {
        StringBuilder command = new StringBuilder(envPrefix(env));
        command.append("\"$2\"");
        if (!args.isEmpty()) {
            command.append(' ').append(PosixShell.render(args));
        }
        if (optionsFlag != null) {
            command.append(' ').append(PosixShell.quote(optionsFlag + "=")).append("\"$1/options\"");
        }
        // The watchdog removes the options file before it stops the installer: an installer that ignores SIGTERM
        // or takes its time must not keep the secrets on disk after the session is gone. A signal to this shell
        // (SIGHUP of a lost terminal session, SIGTERM) removes the folder too.
        // setsid (util-linux, busybox) makes the installer lead its own process group, so stopping it stops every
        // process it started; without setsid only the installer itself gets the signal.
        String stop = "kill -TERM -\"$pid\" 2>/dev/null || kill -TERM \"$pid\" 2>/dev/null";
        return "trap 'rm -rf -- \"$1\"; " + stop + "; exit " + SESSION_LOST + "' HUP INT TERM PIPE\n"
                + "exec 3<&0 </dev/null\n"
                + "cd / || { rm -rf -- \"$1\"; exit " + NO_TEMP_DIR + "; }\n"
                + "s=\n"
                + "command -v setsid >/dev/null 2>&1 && s=setsid\n"
                + "$s " + command + " 3<&- &\n"
                + "pid=$!\n"
                + "( cat <&3 >/dev/null 2>&1; rm -f -- \"$1/options\"; " + stop + " ) >/dev/null 2>&1 &\n"
                + "watch=$!\n"
                + "exec 3<&-\n"
                + "wait \"$pid\"\n"
                + "rc=$?\n"
                + "kill \"$watch\" 2>/dev/null\n"
                + RemoteIdentity.function()
                + "ident " + RemoteIdentity.AFTER + " \"$3\"\n"
                + "rm -rf -- \"$1\"\n"
                + "exit $rc\n";
    }
}
