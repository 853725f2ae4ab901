package dev.cbagent.plan;

import dev.cbagent.api.ProxyPolicy;
import dev.cbagent.api.TrustConfig;
import dev.cbagent.profile.Secret;
import dev.cbagent.profile.model.Verify;

import java.net.URI;
import java.util.Map;

/**
 * The management server API that confirms a registration: its URL, whose certificate to trust, and the
 * administrator credentials (the password stays a {@link Secret}).
 */
public record ApiTarget(URI url, String login, Secret password, TrustConfig trust, String proxy) {

    /** The profile's {@code verify:} target; null when it lacks the URL, the login or the password. */
    static ApiTarget of(Verify verify) {
        if (verify.apiUrl() == null || verify.login() == null || verify.password() == null) {
            return null;
        }
        return new ApiTarget(URI.create(verify.apiUrl()), verify.login(), verify.password(), trustOf(verify),
                verify.proxy());
    }

    /**
     * Which proxy the API client uses: {@code verify.proxy} ({@code none} or a URL), else the environment's.
     *
     * @throws dev.cbagent.error.CbagentException exit 2 for a proxy URL that is none
     */
    public ProxyPolicy proxies(Map<String, String> environment) {
        return ProxyPolicy.of(proxy, environment);
    }

    /**
     * How the API client trusts the server: {@code insecure}, else a pinned key, else a CA bundle, else the system's
     * CAs (validation allows only one of the three).
     */
    public static TrustConfig trustOf(Verify verify) {
        if (verify.insecure()) {
            return TrustConfig.insecure();
        }
        if (verify.pinnedPublicKey() != null) {
            return TrustConfig.pinnedPublicKey(verify.pinnedPublicKey());
        }
        if (verify.caBundle() != null) {
            return TrustConfig.caBundle(verify.caBundle());
        }
        return TrustConfig.systemDefault();
    }
}
