package dev.cbagent.exec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts one output stream of the program into whole lines (UTF-8) before anything is redacted, so a secret that
 * arrives in two reads is still masked. Only a line feed ends a line: a carriage return (progress output) stays
 * inside it, so a secret written in two halves around a {@code \r} is still seen whole by the redactor.
 */
final class LineForwarder extends OutputStream {
    /** A line longer than this is passed on in pieces (a program that never writes a line feed). */
    private static final int MAX_LINE = 64 * 1024;
    private final RedactingLog log;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean closed;

    LineForwarder(RedactingLog log) {
        this.log = log;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
            return;
        }
        buffer.write(b);
        if (buffer.size() >= MAX_LINE) {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void close() throws java.io.IOException {
        if (!closed) {
            closed = true;
            if (buffer.size() > 0) {
                emit();
            }
        }
    }

    private void emit() {
        String line = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        log.line(line);
    }
}
