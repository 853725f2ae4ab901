package dev.cbagent.fleet.hosts;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Ansible inventory variables a host list takes, and what each becomes: {@code ansible_host} the address,
 * {@code ansible_port}, {@code ansible_user}, {@code ansible_ssh_private_key_file} the identity file and
 * {@code ansible_become} sudo (also their older {@code ansible_ssh_*} spellings); cbagent's own
 * {@code cbagent_profile} and {@code cbagent_platform} are the host's profile and platform, and
 * {@code cbagent_env_NAME=value} sets {@code NAME} for the installer on the host; {@code ansible_shell_type=powershell}
 * (or {@code cmd}) makes it a Windows host. Every other variable is ignored.
 */
final class AnsibleVars {
    static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("ansible_host", "address"),
            Map.entry("ansible_ssh_host", "address"),
            Map.entry("ansible_port", "port"),
            Map.entry("ansible_ssh_port", "port"),
            Map.entry("ansible_user", "user"),
            Map.entry("ansible_ssh_user", "user"),
            Map.entry("ansible_ssh_private_key_file", "identityFile"),
            Map.entry("ansible_private_key_file", "identityFile"),
            Map.entry("ansible_become", "sudo"),
            Map.entry("cbagent_profile", "profile"),
            Map.entry("cbagent_platform", "platform"));
    /**
     * {@code ansible_shell_type=powershell} (or {@code cmd}), as Ansible's inventories mark Windows hosts reached
     * over OpenSSH: the host is a Windows host unless {@code cbagent_platform} says otherwise.
     */
    static final String SHELL_TYPE = "ansible_shell_type";
    private static final List<String> WINDOWS_SHELLS = List.of("powershell", "cmd");
    /** {@code cbagent_env_NAME}: an environment variable for the installer on the host. */
    static final String ENV_PREFIX = "cbagent_env_";
    private static final List<String> TRUE = List.of("true", "yes", "on", "1", "y");
    private static final List<String> FALSE = List.of("false", "no", "off", "0", "n");

    private AnsibleVars() {
    }

    /** One variable: its host key and value, or null when cbagent has no use for it. */
    static String[] map(String name, String value) {
        String key = KEYS.get(name);
        if (key == null) {
            return null;
        }
        if (key.equals("sudo")) {
            String lower = value.trim().toLowerCase(Locale.ROOT);
            value = TRUE.contains(lower) ? "true" : FALSE.contains(lower) ? "false" : value;
        }
        return new String[] {key, value};
    }

    /** The platform an {@code ansible_shell_type} value implies, or null when it implies none. */
    static String platformOfShell(String shellType) {
        return WINDOWS_SHELLS.contains(shellType.trim().toLowerCase(Locale.ROOT)) ? "windows" : null;
    }

    /** The problem with a value cbagent cannot use, or null. */
    static String check(String name, String value) {
        String key = KEYS.get(name);
        if ("sudo".equals(key)) {
            String lower = value.trim().toLowerCase(Locale.ROOT);
            if (!TRUE.contains(lower) && !FALSE.contains(lower)) {
                return name + " must be true or false, got '" + value + "'";
            }
        }
        return null;
    }
}
