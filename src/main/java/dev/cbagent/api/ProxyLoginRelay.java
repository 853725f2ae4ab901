package dev.cbagent.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Puts the proxy login on the client's {@code CONNECT}s. The JDK's HTTP client sends a proxy login on a CONNECT
 * only through an Authenticator, and with an Authenticator it drops the request's own {@code Authorization}
 * header, which carries the API login and the Bearer token. So the client talks to this relay on 127.0.0.1 as its
 * proxy, and the relay forwards each CONNECT, with the login added, to the real proxy. It tunnels to the one
 * server it was made for and refuses anything else, so no other local user can take the login elsewhere.
 */
final class ProxyLoginRelay {
    private static final System.Logger LOG = System.getLogger(ProxyLoginRelay.class.getName());
    private final ServerSocket listener;
    private final ProxyEndpoint proxy;
    private final String authority;
    private final String authorization;

    ProxyLoginRelay(ProxyEndpoint proxy, String authority) throws IOException {
        this.proxy = proxy;
        this.authority = authority.toLowerCase(Locale.ROOT);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (proxy.login() + ":" + proxy.password()).getBytes(StandardCharsets.UTF_8));
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "cbagent-proxy-login");
        accept.setDaemon(true);
        accept.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread t = new Thread(() -> relay(client), "cbagent-proxy-login-tunnel");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client) {
            client.setSoTimeout(60_000);
            String head = Tunnels.readHead(client.getInputStream());
            String requestLine = head.lines().findFirst().orElse("");
            String[] parts = requestLine.split(" ");
            if (parts.length < 3 || !parts[0].equals("CONNECT") || !parts[1].toLowerCase(Locale.ROOT).equals(authority)) {
                write(client.getOutputStream(), "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }
            try (Socket upstream = new Socket()) {
                upstream.connect(new InetSocketAddress(proxy.host(), proxy.port()), 10_000);
                write(upstream.getOutputStream(), "CONNECT " + parts[1] + " HTTP/1.1\r\nHost: " + parts[1]
                        + "\r\nProxy-Authorization: " + authorization + "\r\n\r\n");
                client.setSoTimeout(0);
                Thread back = new Thread(() -> copy(upstream, client), "cbagent-proxy-login-back");
                back.setDaemon(true);
                back.start();
                copy(client, upstream);
                back.join();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "proxy login relay: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException ignored) {
            // the other side closed: the tunnel is over
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
