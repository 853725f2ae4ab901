package dev.cbagent.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Asks a port that should speak TLS one plain {@code GET /} request: a plain HTTP server answers it at once, where
 * the same server left our TLS hello unanswered until the timeout. A TLS server closes the connection or sends an
 * alert; a TLS server that answers the mistake in HTTP ("plain HTTP request was sent to HTTPS port") counts as TLS.
 */
public final class PlainHttpProbe {
    /** What {@link #answersPlainHttp} tells the user. */
    public static final String SENTENCE = "the server answered in plain HTTP: is the API http://?";

    private PlainHttpProbe() {
    }

    /** True only when the port answered a plain request with an HTTP status line of its own. */
    public static boolean answersPlainHttp(String host, int port, ProxyRoute route, Duration timeout) {
        try (Socket socket = Tunnels.open(host, port, route, timeout)) {
            String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            socket.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + authority + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = readSome(socket.getInputStream());
            String lower = answer.toLowerCase(Locale.ROOT);
            return answer.startsWith("HTTP/") && !lower.contains("https port") && !lower.contains("ssl")
                    && !lower.contains("tls");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Up to 2 KB: the status line and, from a TLS server that answers in HTTP, its complaint. */
    private static String readSome(InputStream in) throws IOException {
        byte[] buffer = new byte[2048];
        int total = 0;
        try {
            while (total < buffer.length) {
                int n = in.read(buffer, total, buffer.length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (SocketTimeoutException e) {
            if (total == 0) {
                throw e;
            }
        }
        return new String(buffer, 0, total, StandardCharsets.ISO_8859_1);
    }
}
