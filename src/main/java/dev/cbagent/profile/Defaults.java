package dev.cbagent.profile;

import dev.cbagent.profile.model.Profile;
import dev.cbagent.profile.model.Registration;
import dev.cbagent.profile.schema.SectionReader;
import dev.cbagent.text.Durations;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills in what a profile may leave out (DESIGN.md "Profile"), deciding from the sections as written; defaulted keys are
 * marked so rules can tell.
 */
public final class Defaults {
    public static final Duration INSTALLER_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration VERIFY_TIMEOUT = Duration.ofMinutes(10);
    public static final int DEFAULT_API_PORT = 9877;

    private Defaults() {
    }

    /**
     * What {@link #apply} fills in, in words, by key path: for the profile reference. Keep next to {@code apply}.
     * (Defaults that depend on the platform's dialect, such as the register tool's path, come from the dialect.)
     */
    public static Map<String, String> documented() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("edition", "`on-premise`");
        d.put("platform", "this machine's");
        d.put("installer.quiet", "`true`; `false` with `registration.mode: device-flow` or `installer.registerOnly`");
        d.put("installer.timeout", "`" + Durations.format(INSTALLER_TIMEOUT) + "`");
        d.put("installer.secretsVia", "`options-file` on Linux (when the dialect names an options file flag), else `argv`; "
                + "`fleet run` always uses `options-file`");
        d.put("proxy.mode", "`custom` when `proxy.address` is set");
        d.put("verify.apiUrl", "scheme, host and port of `registration.address` (a bare name: `https://NAME:"
                + DEFAULT_API_PORT + "`)");
        d.put("verify.login", "`registration.login` (with `registration.password`)");
        d.put("verify.password", "`registration.password` (with `registration.login`)");
        d.put("verify.timeout", "`" + Durations.format(VERIFY_TIMEOUT) + "`");
        d.put("verify.requireOnline", "`true`");
        return d;
    }

    public static ProfileValues apply(ProfileValues v, String platformOverride, String currentPlatform) {
        ProfileValues out = v;
        if (platformOverride != null) {
            out = out.withValue("platform", platformOverride, false);
        }
        Profile written = SectionReader.read(out);
        out = orDefault(out, "platform", currentPlatform);
        out = orDefault(out, "edition", "on-premise");
        boolean interactive = written.registration().is("device-flow") || written.installer().registerOnly();
        out = orDefault(out, "installer.quiet", !interactive);
        out = orDefault(out, "installer.timeout", INSTALLER_TIMEOUT);
        if (written.proxy().address() != null) {
            out = orDefault(out, "proxy.mode", "custom");
        }
        Registration registration = written.registration();
        if (registration.address() != null) {
            String apiUrl = apiUrlOf(registration.address());
            if (apiUrl != null) {
                out = orDefault(out, "verify.apiUrl", apiUrl);
            }
        }
        if (registration.login() != null && registration.password() != null) {
            out = orDefault(out, "verify.login", registration.login());
            out = orDefault(out, "verify.password", registration.password());
        }
        out = orDefault(out, "verify.timeout", VERIFY_TIMEOUT);
        out = orDefault(out, "verify.requireOnline", true);
        return out;
    }

    /** Scheme, host and port of the registration address; a bare name gets https and port 9877. */
    static String apiUrlOf(String address) {
        try {
            if (!address.contains("://")) {
                boolean hasPort = address.startsWith("[") ? address.contains("]:") : address.contains(":");
                String host = hasPort ? address : address + ":" + DEFAULT_API_PORT;
                return "https://" + host;
            }
            URI uri = new URI(address);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static ProfileValues orDefault(ProfileValues v, String key, Object value) {
        return v.has(key) ? v : v.withValue(key, value, true);
    }
}
