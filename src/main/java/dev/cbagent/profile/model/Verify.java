package dev.cbagent.profile.model;

import dev.cbagent.profile.Secret;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The profile's {@code verify:} section, defaults applied (API URL and credentials from {@code registration:},
 * timeout, requireOnline); absent values are null.
 *
 * @param caBundle resolved against the profile file that named it
 * @param proxy    {@code none} or the proxy URL, the values of references inside it URL-encoded in; null: the environment's
 */
public record Verify(String apiUrl, String login, Secret password, String hostname, Duration timeout,
                     boolean requireOnline, Path caBundle, String pinnedPublicKey, boolean insecure, String proxy) {

    /** Whether verification has what it needs: the API URL, a login and a password. */
    public boolean isConfigured() {
        return apiUrl != null && login != null && password != null;
    }
}
