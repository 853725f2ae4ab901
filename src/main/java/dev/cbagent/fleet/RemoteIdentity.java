package dev.cbagent.fleet;

import dev.cbagent.exec.PosixShell;
import dev.cbagent.platform.identity.AgentIdentity;
import dev.cbagent.platform.identity.LocalAgent;

import java.util.regex.Pattern;

/**
 * A fleet host's agent identity, read by the remote command from {@code $CBAGENT_AGENT_ROOT/etc/Acronis/
 * BackupAndRecovery.config} (the same file and rules as on this machine) and reported as one line:
 * {@code PREFIX=id INSTANCE AGENT}, {@code PREFIX=noid} (installed, no InstanceID), {@code PREFIX=none} (no
 * configuration) or {@code PREFIX=unreadable}.
 */
final class RemoteIdentity {
    static final String BEFORE = "identity=";
    static final String AFTER = "cbagent-identity-after=";
    private static final Pattern UUID_LIKE = Pattern.compile("[0-9A-Za-z-]{1,64}");

    private RemoteIdentity() {
    }

    /**
     * A sh function {@code ident PREFIX ROOT [sudo]} that prints the line. The XML is flattened to one line, then
     * awk finds {@code name="MachineManager"} (any case) and, before the next {@code </key>}, the two values, with
     * quotes, braces and blanks stripped.
     */
    static String function() {
        String awk = "{ l = tolower($0); i = index(l, \"name=\\\"machinemanager\\\"\"); if (!i) { print p \"=noid\"; exit }\n"
                + "  s = substr($0, i); j = index(tolower(s), \"</key>\"); if (j) s = substr(s, 1, j)\n"
                + "  a = v(s, \"instanceid\"); b = v(s, \"mmscurrentmachineid\")\n"
                + "  if (a == \"\") print p \"=noid\"; else print p \"=id \" a \" \" (b == \"\" ? \"-\" : b) }\n"
                + "function v(s, n,   i, j, t) { i = index(tolower(s), \"name=\\\"\" n \"\\\"\"); if (!i) return \"\"\n"
                + "  t = substr(s, i); j = index(t, \">\"); if (!j) return \"\"; t = substr(t, j + 1)\n"
                + "  j = index(t, \"<\"); if (!j) return \"\"; t = substr(t, 1, j - 1); gsub(/[\" {}]/, \"\", t); return t }\n";
        return "ident() {\n"
                + "  f=\"$2/etc/Acronis/BackupAndRecovery.config\"\n"
                + "  if [ \"$3\" = sudo ]; then\n"
                + "    if c=$(sudo -n cat -- \"$f\" 2>/dev/null); then :\n"
                + "    elif sudo -n test -e \"$f\" 2>/dev/null; then echo \"$1unreadable\"; return 0\n"
                + "    else echo \"$1none\"; return 0; fi\n"
                + "  else\n"
                + "    if [ ! -e \"$f\" ]; then echo \"$1none\"; return 0; fi\n"
                + "    c=$(cat -- \"$f\" 2>/dev/null) || { echo \"$1unreadable\"; return 0; }\n"
                + "  fi\n"
                + "  printf '%s\\n' \"$c\" | tr '\\r\\n\\t' '   ' | awk -v p=\"${1%=}\" " + PosixShell.quote(awk) + "\n"
                + "}\n";
    }

    /** The agent root on the host: the host list's {@code env} value, else the host's own environment, else /. */
    static String rootExpression(java.util.Map<String, String> env) {
        String own = env.get(dev.cbagent.platform.identity.IdentityStore.AGENT_ROOT);
        return own != null ? PosixShell.quote(own) : "\"${CBAGENT_AGENT_ROOT:-}\"";
    }

    /** The identity a line reports, or null when the line is not one of ours. */
    static LocalAgent parse(String line, String prefix, String source) {
        if (line == null || !line.startsWith(prefix)) {
            return null;
        }
        String[] parts = line.substring(prefix.length()).strip().split(" ");
        return switch (parts[0]) {
            case "none" -> LocalAgent.notInstalled(source);
            case "unreadable" -> LocalAgent.unreadable(source, "cannot read it on the host");
            case "noid" -> new LocalAgent(LocalAgent.State.NO_IDENTITY, null, source, null, null);
            case "id" -> parts.length >= 2 && UUID_LIKE.matcher(parts[1]).matches()
                    ? new LocalAgent(LocalAgent.State.IDENTIFIED, new AgentIdentity(parts[1],
                    parts.length >= 3 && !parts[2].equals("-") && UUID_LIKE.matcher(parts[2]).matches() ? parts[2] : null),
                    source, null, null)
                    : LocalAgent.unreadable(source, "the host reported an id that is not one");
            default -> LocalAgent.unreadable(source, "the host reported an unknown identity state");
        };
    }
}
