package dev.cbagent.fleet.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the fleet connects.
 *
 * @param knownHosts        the known_hosts file
 * @param policy            host key checking
 * @param identities        private keys tried when a host names none (the first that exists is used)
 * @param connectTimeout    TCP connect plus SSH handshake and authentication
 * @param keepAlive         interval of keep-alive messages; the session is dropped after 4 unanswered ones
 */
public record SshSettings(Path knownHosts, HostKeyPolicy policy, List<Path> identities, Duration connectTimeout,
                          Duration keepAlive) {
    public SshSettings {
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(policy, "policy");
        identities = List.copyOf(identities);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(keepAlive, "keepAlive");
    }

    /** The keys OpenSSH tries by default, in its order. */
    public static List<Path> defaultIdentities(Path home) {
        Path ssh = home.resolve(".ssh");
        return List.of(ssh.resolve("id_ed25519"), ssh.resolve("id_ecdsa"), ssh.resolve("id_rsa"));
    }
}
