package dev.cbagent.support;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The sockets a test server or relay holds open, closed one by one or all at once; a second close is harmless. */
public final class OpenSockets {
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public void add(Socket socket) {
        open.add(socket);
    }

    /** Closes {@code socket} (held here or not) and forgets it. */
    public void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Closes every socket still held; returns how many there were. */
    public int closeAll() {
        int closed = 0;
        for (Socket socket : open) {
            close(socket);
            closed++;
        }
        return closed;
    }
}
