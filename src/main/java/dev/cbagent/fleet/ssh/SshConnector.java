package dev.cbagent.fleet.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.cbagent.fleet.hosts.Host;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Opens authenticated SSH sessions to hosts, with host keys checked as the settings say. Thread-safe. */
public final class SshConnector {
    private static final int ALIVE_COUNT_MAX = 4;
    private final SshSettings settings;
    private final KnownHostsFile knownHosts;
    private final Map<Path, byte[]> keyCache = new ConcurrentHashMap<>();

    static {
        SshAlgorithms.install();
    }

    public SshConnector(SshSettings settings, KnownHostsFile knownHosts) {
        this.settings = settings;
        this.knownHosts = knownHosts;
    }

    public SshSession connect(Host host) throws SshException {
        JSch jsch = new JSch();
        Path key = identityOf(host);
        if (key == null && host.password() == null) {
            throw new SshException("no SSH key for " + host + ": none of " + settings.identities()
                    + " exists; name one with --identity or identityFile, or give a password reference");
        }
        PolicyHostKeys hostKeys = new PolicyHostKeys(knownHosts, settings.policy());
        Session session;
        try {
            if (key != null) {
                jsch.addIdentity(key.toString(), keyBytes(key), null, null);
            }
            session = jsch.getSession(host.user(), host.address(), host.port());
        } catch (JSchException e) {
            throw new SshException("cannot use the SSH key " + key + ": " + e.getMessage(), e);
        }
        session.setHostKeyRepository(hostKeys);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", host.password() != null ? "publickey,password" : "publickey");
        // Fewer round trips at login: no "none" probe (the methods are tried in the order above anyway) and no
        // query before signing with the one key we have. Algorithms stay JSch's secure defaults (SshAlgorithms).
        session.setConfig("enable_auth_none", "no");
        session.setConfig("enable_pubkey_auth_query", "no");
        if (host.password() != null) {
            session.setPassword(host.password().reveal());
        }
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
        try {
            session.connect(connectMillis);
            session.setServerAliveInterval((int) settings.keepAlive().toMillis());
            session.setServerAliveCountMax(ALIVE_COUNT_MAX);
        } catch (JSchException e) {
            session.disconnect();
            throw new SshException(explain(host, key, hostKeys, e), e);
        }
        return new SshSession(host, session);
    }

    private Path identityOf(Host host) {
        if (host.identityFile() != null) {
            return host.identityFile();
        }
        List<Path> candidates = settings.identities();
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }

    private byte[] keyBytes(Path key) throws JSchException {
        try {
            return keyCache.computeIfAbsent(key, k -> {
                try {
                    return Files.readAllBytes(k);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).clone();
        } catch (java.io.UncheckedIOException e) {
            throw new JSchException("cannot read it (" + e.getCause().getMessage() + ")");
        }
    }

    private String explain(Host host, Path key, PolicyHostKeys hostKeys, JSchException e) {
        String target = host.user() + "@" + host.label();
        if (hostKeys.refusal() != null) {
            return hostKeys.refusal();
        }
        Throwable cause = e.getCause();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (cause instanceof ConnectException) {
            return "cannot connect to " + host.label() + ": connection refused (is sshd running there?)";
        }
        if (cause instanceof UnknownHostException) {
            return "cannot connect to " + host.label() + ": unknown host name " + host.address();
        }
        if (cause instanceof NoRouteToHostException) {
            return "cannot connect to " + host.label() + ": no route to host";
        }
        if (cause instanceof SocketTimeoutException || message.startsWith("timeout")) {
            return "cannot connect to " + host.label() + ": no answer within "
                    + settings.connectTimeout().toSeconds() + "s";
        }
        if (message.contains("Auth fail") || message.contains("Auth cancel")) {
            String tried = (key != null ? "key " + key : "") + (host.password() != null ? (key != null ? " and " : "")
                    + "a password" : "");
            return "SSH authentication failed for " + target + " (tried " + tried + ")";
        }
        return "SSH connection to " + target + " failed: " + message;
    }
}
