package dev.cbagent.fleet.hosts;

import dev.cbagent.profile.Secret;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One machine of a host list.
 *
 * @param address      what SSH connects to (name or IP)
 * @param port         SSH port
 * @param user         SSH login
 * @param hostname     the name the machine will have on the management server; null: ask the host over SSH
 * @param identityFile private key for this host; null: the fleet's default
 * @param password     SSH password (a resolved secret reference); null: key authentication only
 * @param sudo         run the installer through {@code sudo -n}
 * @param platform     the host's platform; null: the profile's
 * @param profile      this host's profile; null: the fleet's {@code --profile}
 * @param env          extra environment variables for the installer on the host
 * @param line         where the host was written in its list (1-based)
 */
public record Host(String address, int port, String user, String hostname, Path identityFile, Secret password,
                   boolean sudo, String platform, Path profile, Map<String, String> env, int line) {
    public static final int SSH_PORT = 22;

    public Host {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        env = Map.copyOf(env);
    }

    /** The address as journals and reports name the host: {@code address}, or {@code address:port} off port 22. */
    public String label() {
        if (port == SSH_PORT) {
            return address;
        }
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }

    public Host withHostname(String name) {
        return new Host(address, port, user, name, identityFile, password, sudo, platform, profile, env, line);
    }

    @Override
    public String toString() {
        return user + "@" + label();
    }
}
