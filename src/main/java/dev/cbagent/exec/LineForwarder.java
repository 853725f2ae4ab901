package dev.cbagent.exec;

import java.nio.charset.StandardCharsets;
import org.apache.commons.exec.LogOutputStream;

/**
 * Cuts one output stream of the program into whole lines (UTF-8) before anything is redacted, so a secret that
 * arrives in two reads is still masked.
 */
final class LineForwarder extends LogOutputStream {
    private final RedactingLog log;

    LineForwarder(RedactingLog log) {
        super(0, StandardCharsets.UTF_8);
        this.log = log;
    }

    @Override
    protected void processLine(String line, int level) {
        log.line(line);
    }
}
