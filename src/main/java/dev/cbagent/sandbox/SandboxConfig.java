package dev.cbagent.sandbox;

import dev.cbagent.error.Redactor;

import javax.net.ssl.SSLContext;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link SandboxServer} starts. {@link #defaults()} binds 127.0.0.1 on a free port, plain HTTP, admin
 * {@code admin}/{@code sandbox-admin}, one registration token {@code sandbox-token}, anonymous registration allowed,
 * two-hour access tokens, no faults. {@link #toString()} hides the password and tokens.
 *
 * @param bindAddress           where to listen
 * @param port                  0 for any free port
 * @param adminLogin            the administrator accepted by {@code /idp/token} and for registration
 * @param adminPassword         its password
 * @param registrationTokens    tokens accepted by {@code POST /sandbox/v1/agents}
 * @param tokenTtl              lifetime of issued access tokens
 * @param anonymousRegistration whether registering with neither token nor login is allowed
 * @param tls                   HTTPS with this context; null for plain HTTP
 * @param threads               size of the request thread pool
 * @param clock                 time source (token expiry, delayed appearance); tests may pass a movable clock
 * @param faults                faults switched on from the start
 * @param tenantId              tenant of registered machines that name none
 */
public record SandboxConfig(InetAddress bindAddress, int port, String adminLogin, String adminPassword,
                            Set<String> registrationTokens, Duration tokenTtl, boolean anonymousRegistration,
                            SSLContext tls, int threads, Clock clock, Faults faults, String tenantId) {
    public static final String DEFAULT_LOGIN = "admin";
    public static final String DEFAULT_PASSWORD = "sandbox-admin";
    public static final String DEFAULT_TOKEN = "sandbox-token";
    public static final String DEFAULT_TENANT = "00000000-0000-0000-0000-000000000000";

    public SandboxConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        Objects.requireNonNull(adminLogin, "adminLogin");
        Objects.requireNonNull(adminPassword, "adminPassword");
        registrationTokens = Set.copyOf(registrationTokens);
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(tenantId, "tenantId");
    }

    public static SandboxConfig defaults() {
        return new SandboxConfig(InetAddress.getLoopbackAddress(), 0, DEFAULT_LOGIN, DEFAULT_PASSWORD,
                Set.of(DEFAULT_TOKEN), Duration.ofHours(2), true, null, 32, Clock.systemUTC(), Faults.none(),
                DEFAULT_TENANT);
    }

    public SandboxConfig withPort(int newPort) {
        return new SandboxConfig(bindAddress, newPort, adminLogin, adminPassword, registrationTokens, tokenTtl,
                anonymousRegistration, tls, threads, clock, faults, tenantId);
    }

    public SandboxConfig withAdmin(String login, String password) {
        return new SandboxConfig(bindAddress, port, login, password, registrationTokens, tokenTtl,
                anonymousRegistration, tls, threads, clock, faults, tenantId);
    }

    public SandboxConfig withRegistrationTokens(Set<String> tokens) {
        return new SandboxConfig(bindAddress, port, adminLogin, adminPassword, tokens, tokenTtl,
                anonymousRegistration, tls, threads, clock, faults, tenantId);
    }

    public SandboxConfig withTokenTtl(Duration ttl) {
        return new SandboxConfig(bindAddress, port, adminLogin, adminPassword, registrationTokens, ttl,
                anonymousRegistration, tls, threads, clock, faults, tenantId);
    }

    public SandboxConfig withAnonymousRegistration(boolean allowed) {
        return new SandboxConfig(bindAddress, port, adminLogin, adminPassword, registrationTokens, tokenTtl,
                allowed, tls, threads, clock, faults, tenantId);
    }

    public SandboxConfig withTls(SSLContext context) {
        return new SandboxConfig(bindAddress, port, adminLogin, adminPassword, registrationTokens, tokenTtl,
                anonymousRegistration, context, threads, clock, faults, tenantId);
    }

    public SandboxConfig withClock(Clock newClock) {
        return new SandboxConfig(bindAddress, port, adminLogin, adminPassword, registrationTokens, tokenTtl,
                anonymousRegistration, tls, threads, newClock, faults, tenantId);
    }

    public SandboxConfig withFaults(Faults newFaults) {
        return new SandboxConfig(bindAddress, port, adminLogin, adminPassword, registrationTokens, tokenTtl,
                anonymousRegistration, tls, threads, clock, newFaults, tenantId);
    }

    @Override
    public String toString() {
        return "SandboxConfig[bindAddress=" + bindAddress.getHostAddress() + ", port=" + port + ", adminLogin="
                + adminLogin + ", adminPassword=" + Redactor.MASK + ", registrationTokens=" + registrationTokens.size()
                + ", tokenTtl=" + tokenTtl + ", anonymousRegistration=" + anonymousRegistration + ", tls="
                + (tls != null) + ", threads=" + threads + ", faults=" + faults + "]";
    }
}
