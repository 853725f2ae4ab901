package dev.cbagent.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 in front of a server that can drop connections: while {@link #dropping} is on, every new
 * connection is closed at once and every relayed one is cut, as a flaky network or a restarting proxy does.
 */
public final class DroppingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final OpenSockets open = new OpenSockets();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile boolean dropping;

    public DroppingProxy(URI target) throws IOException {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "dropping-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Drops from now on (cutting what is open) until {@code dropping(false)}. */
    public void dropping(boolean on) {
        dropping = on;
        if (on) {
            dropped.addAndGet(open.closeAll());
        }
    }

    /** Connections closed or cut so far: proof that the fault happened. */
    public int dropped() {
        return dropped.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (dropping) {
                dropped.incrementAndGet();
                open.close(client);
                continue;
            }
            try {
                Socket server = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                open.close(client);
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // cut or closed
            } finally {
                open.close(from);
                open.close(to);
            }
        }, "dropping-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.closeAll();
    }
}
