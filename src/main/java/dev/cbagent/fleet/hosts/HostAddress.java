package dev.cbagent.fleet.hosts;

import java.util.Optional;

/** Parses {@code [user@]host[:port]} (IPv6 as {@code [addr]:port} or bare) into a {@link RawHost}. */
final class HostAddress {
    private HostAddress() {
    }

    /** The host, or empty when the text is not of that form. */
    static Optional<RawHost> parse(String text, int line) {
        if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        RawHost raw = new RawHost(line);
        String rest = text;
        int at = rest.indexOf('@');
        if (at >= 0) {
            if (at == 0) {
                return Optional.empty();
            }
            raw.put("user", rest.substring(0, at), line);
            rest = rest.substring(at + 1);
        }
        String host;
        String port = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (after.startsWith(":")) {
                port = after.substring(1);
            } else if (!after.isEmpty()) {
                return Optional.empty();
            }
        } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            host = rest.substring(0, rest.indexOf(':'));
            port = rest.substring(rest.indexOf(':') + 1);
        } else {
            host = rest;
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        raw.put("address", host, line);
        if (port != null) {
            raw.put("port", port, line);
        }
        return Optional.of(raw);
    }

    /** A bad entry quoted when it looks like an address someone mistyped; anything else is not echoed. */
    static String shown(String text) {
        return text.matches("[A-Za-z0-9@.:\\[\\]%_ -]{1,100}") ? "'" + text + "'" : "a line that is not an address (not shown)";
    }
}
