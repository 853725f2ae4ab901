package dev.cbagent.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code no_proxy} list as curl, wget and Go read it: entries separated by commas (or spaces); {@code *} matches
 * every host; {@code example.ru}, {@code .example.ru} and {@code *.example.ru} match that domain and every name
 * under it; {@code host:port} only that port; IP literals ({@code 10.0.0.5}, {@code ::1}, {@code [::1]:9877})
 * match that address and CIDR ranges ({@code 10.0.0.0/8}) every address in them. Names are compared without case;
 * names are never resolved.
 */
public final class NoProxy {
    private final List<Entry> entries;

    private NoProxy(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static NoProxy parse(String list) {
        List<Entry> entries = new ArrayList<>();
        if (list != null) {
            for (String raw : list.split("[,\\s]+")) {
                String item = raw.strip().toLowerCase(Locale.ROOT);
                if (!item.isEmpty()) {
                    entries.add(Entry.of(item));
                }
            }
        }
        return new NoProxy(entries);
    }

    /** The entry that exempts {@code host:port} from the proxy, if any. */
    public Optional<String> match(String host, int port) {
        String name = normalise(host);
        for (Entry entry : entries) {
            if (entry.matches(name, port)) {
                return Optional.of(entry.written());
            }
        }
        return Optional.empty();
    }

    static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private record Entry(String written, String host, int port, IpRange range) {
        static Entry of(String item) {
            if (item.equals("*")) {
                return new Entry(item, "*", -1, null);
            }
            String host = item;
            int port = -1;
            if (host.startsWith("[")) {
                int close = host.indexOf(']');
                if (close > 0) {
                    String rest = host.substring(close + 1);
                    port = rest.startsWith(":") ? parsePort(rest.substring(1)) : -1;
                    host = host.substring(1, close);
                }
            } else if (host.indexOf(':') > 0 && host.indexOf(':') == host.lastIndexOf(':')) {
                int colon = host.indexOf(':');
                port = parsePort(host.substring(colon + 1));
                host = host.substring(0, colon);
            }
            IpRange range = IpRange.parse(host).orElse(null);
            if (range == null) {
                host = host.startsWith("*.") ? host.substring(2) : host.startsWith(".") ? host.substring(1) : host;
                host = normalise(host);
            }
            return new Entry(item, host, port, range);
        }

        boolean matches(String name, int targetPort) {
            if (host.equals("*")) {
                return true;
            }
            if (port > 0 && port != targetPort) {
                return false;
            }
            if (range != null) {
                return IpRange.parse(name).map(range::contains).orElse(false);
            }
            return name.equals(host) || name.endsWith("." + host);
        }

        private static int parsePort(String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
