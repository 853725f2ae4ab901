package dev.cbagent.profile;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code host:port} (also {@code [v6]:port}) split into its parts. */
public final class HostPort {
    private static final Pattern FORM = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\s/\\[\\]]+):(\\d{1,5})");

    private HostPort() {
    }

    public static boolean isValid(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return false;
        }
        int port = Integer.parseInt(m.group(2));
        return port >= 1 && port <= 65535;
    }

    public static Optional<String> part(String text, String which) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        if ("port".equals(which)) {
            return Optional.of(m.group(2));
        }
        String host = m.group(1);
        return Optional.of(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    }
}
