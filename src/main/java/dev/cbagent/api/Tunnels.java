package dev.cbagent.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A TCP connection to the server the way the API client reaches it: directly, or through the proxy's
 * {@code CONNECT} tunnel. For callers that speak to the port themselves (doctor's probes, the plain-HTTP probe).
 */
public final class Tunnels {
    private Tunnels() {
    }

    /** Connected, with {@code timeout} as connect and read timeout; the caller closes it. */
    public static Socket open(String host, int port, ProxyRoute route, Duration timeout) throws IOException {
        int millis = (int) Math.max(1, timeout.toMillis());
        Socket socket = new Socket();
        try {
            socket.setSoTimeout(millis);
            if (route.proxy().isEmpty()) {
                socket.connect(new InetSocketAddress(host, port), millis);
                return socket;
            }
            ProxyEndpoint proxy = route.proxy().get();
            try {
                socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), millis);
            } catch (IOException e) {
                throw new ProxyUnreachable(proxy, e);
            }
            String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            StringBuilder connect = new StringBuilder("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n");
            if (proxy.hasCredentials()) {
                connect.append("Proxy-Authorization: Basic ").append(Base64.getEncoder().encodeToString(
                        (proxy.login() + ":" + proxy.password()).getBytes(StandardCharsets.UTF_8))).append("\r\n");
            }
            socket.getOutputStream().write(connect.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String status = statusLine(readHead(socket.getInputStream()));
            if (!status.matches("HTTP/1\\.[01] 2\\d\\d.*")) {
                throw new ProxyRefused(proxy, authority, status);
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** An HTTP head: the bytes up to and with the empty line that ends it (at most 16 KB), as ISO-8859-1. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4 && head.size() < 16 * 1024) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String statusLine(String head) {
        int end = head.indexOf("\r\n");
        return (end < 0 ? head : head.substring(0, end)).strip();
    }

    /** The proxy itself cannot be reached. */
    public static final class ProxyUnreachable extends IOException {
        private final transient ProxyEndpoint proxy;

        ProxyUnreachable(ProxyEndpoint proxy, IOException cause) {
            super("cannot connect to the proxy " + proxy.shown() + " (" + proxy.source() + ")", cause);
            this.proxy = proxy;
        }

        public ProxyEndpoint proxy() {
            return proxy;
        }
    }

    /** The proxy answered the CONNECT with something other than 2xx (407 without or with a wrong login, 403, 502). */
    public static final class ProxyRefused extends IOException {
        private final String status;

        ProxyRefused(ProxyEndpoint proxy, String authority, String status) {
            super("the proxy " + proxy.shown() + " (" + proxy.source() + ") refused to connect to " + authority
                    + (status.isEmpty() ? " (no answer)" : " (" + status + ")")
                    + (status.contains(" 407") ? ": it wants a login; give it in the proxy URL (http://user:password@host:port)" : ""));
            this.status = status;
        }

        public String status() {
            return status;
        }
    }
}
