package dev.cbagent.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP forwarding proxy on 127.0.0.1: {@code CONNECT host:port} tunnels (for https://) and absolute-URI
 * requests ({@code GET http://host:port/path}) forwarded one per connection. Every host name it is asked for is
 * reached on 127.0.0.1 (so a test can name a server the client itself cannot resolve), optionally only with a
 * Basic proxy login (407 otherwise). It counts and records what it forwarded.
 */
public final class ForwardingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final OpenSockets open = new OpenSockets();
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger tunnels = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile String requiredAuthorization;

    public ForwardingProxy() throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "forwarding-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    /** {@code http://127.0.0.1:PORT}, or with a login in it. */
    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on only requests with this Basic login are forwarded; others get 407. */
    public ForwardingProxy requireLogin(String login, String password) {
        requiredAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (login + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** CONNECT tunnels opened. */
    public int tunnels() {
        return tunnels.get();
    }

    /** Absolute-URI requests forwarded. */
    public int forwarded() {
        return forwarded.get();
    }

    /** Requests answered 407. */
    public int refused() {
        return refused.get();
    }

    /** Every {@code host:port} asked for, in order. */
    public List<String> targets() {
        return List.copyOf(targets);
    }

    /** Every Proxy-Authorization header received. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "forwarding-proxy-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            client.setSoTimeout(30_000);
            InputStream in = client.getInputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                open.close(client);
                return;
            }
            String[] request = head.get(0).split(" ");
            List<String> headers = new ArrayList<>(head.subList(1, head.size()));
            String authorization = header(headers, "proxy-authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            String required = requiredAuthorization;
            if (required != null && !required.equals(authorization)) {
                refused.incrementAndGet();
                write(client.getOutputStream(), "HTTP/1.1 407 Proxy Authentication Required\r\n"
                        + "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                open.close(client);
                return;
            }
            if (request[0].equalsIgnoreCase("CONNECT")) {
                tunnel(client, request[1]);
            } else {
                forward(client, request, headers);
            }
        } catch (IOException e) {
            open.close(client);
        }
    }

    private void tunnel(Socket client, String authority) throws IOException {
        targets.add(authority);
        int colon = authority.lastIndexOf(':');
        Socket server = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(authority.substring(colon + 1)));
        open.add(server);
        tunnels.incrementAndGet();
        write(client.getOutputStream(), "HTTP/1.1 200 Connection established\r\n\r\n");
        client.setSoTimeout(0);
        pipe(client, server);
        pipe(server, client);
    }

    private void forward(Socket client, String[] request, List<String> headers) throws IOException {
        URI uri = URI.create(request[1]);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        targets.add(uri.getHost() + ":" + port);
        Socket server = new Socket(InetAddress.getLoopbackAddress(), port);
        open.add(server);
        forwarded.incrementAndGet();
        StringBuilder out = new StringBuilder(request[0] + " " + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " " + request[2] + "\r\n");
        for (String h : headers) {
            String name = h.substring(0, Math.max(0, h.indexOf(':'))).toLowerCase(Locale.ROOT);
            if (!name.startsWith("proxy-") && !name.equals("connection")) {
                out.append(h).append("\r\n");
            }
        }
        out.append("Connection: close\r\n\r\n");
        write(server.getOutputStream(), out.toString());
        pipe(client, server);
        // the answer's own Connection header is replaced: one request per connection
        InputStream answer = server.getInputStream();
        List<String> head = readHead(answer);
        StringBuilder back = new StringBuilder();
        for (String h : head) {
            if (!h.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                back.append(h).append("\r\n");
            }
        }
        back.append("Connection: close\r\n\r\n");
        OutputStream toClient = client.getOutputStream();
        write(toClient, back.toString());
        try {
            answer.transferTo(toClient);
        } finally {
            open.close(server);
            open.close(client);
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return lines.isEmpty() ? List.of() : lines;
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
            previous = b;
        }
    }

    private static String header(List<String> headers, String name) {
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return h.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException ignored) {
                // cut or closed
            } finally {
                open.close(from);
                open.close(to);
            }
        }, "forwarding-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.closeAll();
    }
}
