package dev.cbagent.verify;

import dev.cbagent.api.ApiConfig;
import dev.cbagent.api.ProxyPolicy;
import dev.cbagent.api.TrustConfig;
import dev.cbagent.profile.Defaults;
import dev.cbagent.profile.Finding;
import dev.cbagent.profile.ProfileException;
import dev.cbagent.profile.ProfileValues;
import dev.cbagent.profile.Secret;
import dev.cbagent.profile.SecretResolver;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How to prove a registration, read from a profile's {@code verify:} section (with its defaults). */
public record VerifySettings(URI apiUrl, String login, Secret password, TrustConfig trust, String hostname,
                             Duration timeout, boolean requireOnline, ProxyPolicy proxies) {

    /**
     * @param hostname the machine name to look for (already resolved from {@code verify.hostname} or the machine)
     * @throws ProfileException when the API URL or credentials are missing (exit 2, located)
     */
    public static VerifySettings from(ProfileValues v, String hostname) {
        List<Finding> missing = new ArrayList<>();
        for (String key : List.of("verify.apiUrl", "verify.login", "verify.password")) {
            if (!v.has(key)) {
                missing.add(Finding.error(v.location(key), key, "is needed to confirm the registration through the API "
                        + "(or run with --no-verify)"));
            }
        }
        if (!missing.isEmpty()) {
            throw new ProfileException(missing);
        }
        return new VerifySettings(URI.create(v.string("verify.apiUrl").get()), v.string("verify.login").get(),
                v.secret("verify.password").get(), trustOf(v), hostname,
                v.duration("verify.timeout").orElse(Defaults.VERIFY_TIMEOUT), v.bool("verify.requireOnline"),
                proxiesOf(v, System.getenv()));
    }

    /**
     * {@code verify.proxy} ({@code none} or a URL), else the environment's proxy variables. The values of
     * references inside the URL (a password) are URL-encoded into it, so any character may stand in them.
     *
     * @throws dev.cbagent.error.CbagentException exit 2 for a proxy URL that is none
     */
    public static ProxyPolicy proxiesOf(ProfileValues v, Map<String, String> environment) {
        Object value = v.get("verify.proxy");
        if (value == null) {
            return ProxyPolicy.of(null, environment);
        }
        String url = value instanceof Secret secret ? SecretResolver.replaceReferences(secret.reference(),
                secret.masks().stream().map(part -> URLEncoder.encode(part, StandardCharsets.UTF_8)).toList())
                : String.valueOf(value);
        return ProxyPolicy.of(url, environment);
    }

    /** Whether the profile has what verification needs (API URL, login, password). */
    public static boolean isConfigured(ProfileValues v) {
        return v.has("verify.apiUrl") && v.has("verify.login") && v.has("verify.password");
    }

    private static TrustConfig trustOf(ProfileValues v) {
        if (v.bool("verify.insecure")) {
            return TrustConfig.insecure();
        }
        if (v.has("verify.pinnedPublicKey")) {
            return TrustConfig.pinnedPublicKey(v.string("verify.pinnedPublicKey").get());
        }
        if (v.has("verify.caBundle")) {
            Path bundle = Path.of(v.string("verify.caBundle").get());
            Path dir = Path.of(v.file()).toAbsolutePath().getParent();
            return TrustConfig.caBundle(bundle.isAbsolute() || dir == null ? bundle : dir.resolve(bundle));
        }
        return TrustConfig.systemDefault();
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
