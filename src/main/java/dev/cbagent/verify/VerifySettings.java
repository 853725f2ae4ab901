package dev.cbagent.verify;

import dev.cbagent.api.ApiConfig;
import dev.cbagent.api.ProxyPolicy;
import dev.cbagent.api.TrustConfig;
import dev.cbagent.profile.ProfileException;
import dev.cbagent.plan.ApiTarget;
import dev.cbagent.plan.Verification;
import dev.cbagent.profile.Secret;

import java.net.URI;
import java.time.Duration;

/** How to prove a registration: the plan's {@link Verification} for one machine name. */
public record VerifySettings(URI apiUrl, String login, Secret password, TrustConfig trust, String hostname,
                             Duration timeout, boolean requireOnline, ProxyPolicy proxies) {

    /**
     * @param hostname the machine name to look for
     * @throws ProfileException when the profile lacks the API URL or credentials (exit 2, located)
     */
    public static VerifySettings from(Verification v, String hostname) {
        if (!v.isConfigured()) {
            throw new ProfileException(v.missing());
        }
        ApiTarget api = v.api();
        return new VerifySettings(api.url(), api.login(), api.password(), api.trust(), hostname, v.timeout(),
                v.requireOnline(), api.proxies(System.getenv()));
    }

    /** The plan's verification, looking for the name the plan names. */
    public static VerifySettings from(Verification v) {
        return from(v, v.hostname());
    }

    public VerifySettings withHostname(String name) {
        return new VerifySettings(apiUrl, login, password, trust, name, timeout, requireOnline, proxies);
    }

    public VerifySettings withTimeout(Duration newTimeout) {
        return new VerifySettings(apiUrl, login, password, trust, hostname, newTimeout, requireOnline, proxies);
    }

    /**
     * The API client's settings: one request (connect, headers and body) may take the default request timeout,
     * but never longer than the whole verification may take.
     */
    public ApiConfig apiConfig() {
        Duration request = ApiConfig.DEFAULT_REQUEST_TIMEOUT;
        if (timeout != null && timeout.compareTo(request) < 0) {
            request = timeout.compareTo(MIN_REQUEST_TIMEOUT) < 0 ? MIN_REQUEST_TIMEOUT : timeout;
        }
        Duration connect = request.compareTo(ApiConfig.DEFAULT_CONNECT_TIMEOUT) < 0 ? request
                : ApiConfig.DEFAULT_CONNECT_TIMEOUT;
        return ApiConfig.of(apiUrl, login, password.reveal()).withTrust(trust).withTimeouts(connect, request)
                .withProxies(proxies);
    }

    /** A request gets at least this long, even with {@code --timeout 0s} (check once). */
    static final Duration MIN_REQUEST_TIMEOUT = Duration.ofSeconds(2);
}
