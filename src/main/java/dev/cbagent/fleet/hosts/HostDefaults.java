package dev.cbagent.fleet.hosts;

import java.nio.file.Path;

/**
 * What a host takes when its list does not say: from the command line and the environment.
 *
 * @param user    SSH login (default: the local user name)
 * @param port    SSH port
 * @param home    the local home folder, for {@code ~/} in paths
 */
public record HostDefaults(String user, int port, Path home) {
    public static HostDefaults system() {
        return new HostDefaults(System.getProperty("user.name", "root"), Host.SSH_PORT,
                Path.of(System.getProperty("user.home", "/")));
    }
}
