package dev.cbagent.profile.model;

import dev.cbagent.profile.Secret;

import java.util.List;

/**
 * The profile's {@code registration:} section; absent values are null.
 *
 * @param mode           skip | by-credentials | by-token | device-flow | current-user, or null (the credentials decide)
 * @param scriptParams   the script's parameters as written (a {@link Secret} when references are inside), or null
 * @param resetIdentity  {@code identity: reset}: a clone's identity is cleared and the machine registered anew
 * @param serviceRestart the profile's own agent service restart argv; empty for the dialect's default
 */
public record Registration(String mode, String address, Secret token, String login, Secret password, String tenant,
                           String transport, String pinnedPublicKey, String script, Object scriptParams,
                           String toolPath, boolean storageNode, boolean resetIdentity, List<String> serviceRestart) {
    public Registration {
        serviceRestart = List.copyOf(serviceRestart);
    }

    public boolean skipped() {
        return "skip".equals(mode);
    }

    public boolean is(String aMode) {
        return aMode.equals(mode);
    }
}
