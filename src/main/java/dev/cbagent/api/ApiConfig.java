package dev.cbagent.api;

import dev.cbagent.error.ExitCode;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.Redactor;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the management server is and how to talk to it. {@link #toString()} never shows the password.
 *
 * @param baseUrl        scheme, host, port (and optional path prefix) of the server, e.g. {@code https://mgmt:9877}
 * @param login          an administrator account
 * @param password       its password (a secret)
 * @param trust          which server certificates to accept
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for one answer
 * @param proxies        which proxy requests go through (default: the environment's {@code https_proxy}, ...)
 */
public record ApiConfig(URI baseUrl, String login, String password, TrustConfig trust,
                        Duration connectTimeout, Duration requestTimeout, ProxyPolicy proxies) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public ApiConfig {
        baseUrl = normalise(baseUrl);
        if (login == null || login.isBlank()) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "the API login is empty");
        }
        Objects.requireNonNull(password, "password");
        trust = trust == null ? TrustConfig.systemDefault() : trust;
        connectTimeout = positiveOr(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        requestTimeout = positiveOr(requestTimeout, DEFAULT_REQUEST_TIMEOUT);
        proxies = proxies == null ? ProxyPolicy.environment() : proxies;
    }

    public ApiConfig(URI baseUrl, String login, String password, TrustConfig trust, Duration connectTimeout,
                     Duration requestTimeout) {
        this(baseUrl, login, password, trust, connectTimeout, requestTimeout, null);
    }

    /** System trust store and default timeouts. */
    public static ApiConfig of(URI baseUrl, String login, String password) {
        return new ApiConfig(baseUrl, login, password, TrustConfig.systemDefault(), null, null);
    }

    public ApiConfig withTrust(TrustConfig newTrust) {
        return new ApiConfig(baseUrl, login, password, newTrust, connectTimeout, requestTimeout, proxies);
    }

    public ApiConfig withTimeouts(Duration connect, Duration request) {
        return new ApiConfig(baseUrl, login, password, trust, connect, request, proxies);
    }

    public ApiConfig withProxies(ProxyPolicy policy) {
        return new ApiConfig(baseUrl, login, password, trust, connectTimeout, requestTimeout, policy);
    }

    /** How this client's requests reach the server (decided once: the client talks to one server). */
    public ProxyRoute proxyRoute() {
        return proxies.route(baseUrl);
    }

    /**
     * A redactor that masks the password (for logs and messages that quote foreign text), also inside the Basic
     * {@code Authorization} header of the login (base64 of {@code login:password}) and URL-encoded.
     */
    public Redactor redactor() {
        return Redactor.basicCredentials(login, password).plus(proxies.secrets());
    }

    @Override
    public String toString() {
        return "ApiConfig[baseUrl=" + baseUrl + ", login=" + login + ", password=" + Redactor.MASK
                + ", trust=" + trust + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", proxies=" + proxies.getClass().getSimpleName() + "]";
    }

    private static URI normalise(URI url) {
        if (url == null) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "the management server URL is missing");
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || url.getHost() == null) {
            throw new CbagentException(ExitCode.INVALID_INPUT,
                    "the management server URL must look like https://host:port, got '" + safe(url) + "'");
        }
        if (url.getRawUserInfo() != null) {
            throw new CbagentException(ExitCode.INVALID_INPUT,
                    "the management server URL must not contain a login or password; use the login/password settings");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme.toLowerCase(java.util.Locale.ROOT) + "://" + url.getRawAuthority() + path);
    }

    private static String safe(URI url) {
        // Never echo user info, which may hold a password.
        return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", Redactor.MASK + "@");
    }

    private static Duration positiveOr(Duration value, Duration fallback) {
        return value == null || value.isZero() || value.isNegative() ? fallback : value;
    }
}
