package dev.cbagent.doctor;

import dev.cbagent.api.TrustConfig;
import dev.cbagent.profile.ProfileValues;

import java.nio.file.Path;

/** The profile's {@code verify.caBundle | pinnedPublicKey | insecure} as the API client's {@link TrustConfig}. */
final class TrustSettings {
    private TrustSettings() {
    }

    static TrustConfig from(ProfileValues values) {
        if (values.bool("verify.insecure")) {
            return TrustConfig.insecure();
        }
        if (values.has("verify.pinnedPublicKey")) {
            return TrustConfig.pinnedPublicKey(values.string("verify.pinnedPublicKey").orElseThrow());
        }
        if (values.has("verify.caBundle")) {
            return TrustConfig.caBundle(resolve(values.file(), values.string("verify.caBundle").orElseThrow()));
        }
        return TrustConfig.systemDefault();
    }

    /** A relative path is read from the profile's folder, as {@code installer.dialect} is. */
    private static Path resolve(String profileFile, String path) {
        Path p = Path.of(path);
        Path dir = Path.of(profileFile).toAbsolutePath().getParent();
        return p.isAbsolute() || dir == null ? p : dir.resolve(p);
    }
}
