package dev.cbagent.sandbox.fake;

import java.net.URI;
import java.net.URISyntaxException;

/** A management server address as the vendor tools accept it: a URL, or a bare {@code host[:port]} (HTTP). */
final class ServerAddress {
    private ServerAddress() {
    }

    static URI parse(String address) throws UsageError {
        String url = address.contains("://") ? address : "http://" + address;
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new URISyntaxException(address, "expected http(s)://host[:port] or host[:port]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageError("'" + address + "' is not a management server address: " + e.getReason());
        }
    }
}
