package dev.cbagent.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately misbehaving HTTP/1.1 server on 127.0.0.1 (port 0): each request line is handed to a behaviour
 * that writes whatever it likes to the socket. Counts requests; {@link #close()} ends everything.
 */
public final class HostileHttpServer implements AutoCloseable {
    /** What to do with one request: its request line ("GET /path HTTP/1.1") and the socket to answer on. */
    @FunctionalInterface
    public interface Behaviour {
        void answer(String requestLine, List<String> headers, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Behaviour behaviour;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean closed;

    private HostileHttpServer(Behaviour behaviour) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.behaviour = behaviour;
        Thread accept = new Thread(this::acceptLoop, "hostile-http");
        accept.setDaemon(true);
        accept.start();
    }

    public static HostileHttpServer start(Behaviour behaviour) throws IOException {
        return new HostileHttpServer(behaviour);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    public int requests() {
        return requests.get();
    }

    /** Writes a complete JSON answer. */
    public static void json(OutputStream out, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = socket.accept();
                synchronized (open) {
                    open.add(client);
                }
                Thread t = new Thread(() -> serve(client), "hostile-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = client.getOutputStream();
            while (!closed) {
                String requestLine = in.readLine();
                if (requestLine == null) {
                    return;
                }
                List<String> headers = new ArrayList<>();
                int length = 0;
                for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                    headers.add(line);
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                for (int i = 0; i < length; i++) {
                    in.read();
                }
                requests.incrementAndGet();
                behaviour.answer(requestLine, headers, out);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the client went away, or the behaviour is done with this connection
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
