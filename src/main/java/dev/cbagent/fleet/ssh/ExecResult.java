package dev.cbagent.fleet.ssh;

/** What a remote command did: its exit code (-1 when killed by a signal) and the tails of its output. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    /** The last non-blank line of stderr, else of stdout, else empty. */
    public String lastLine() {
        String line = lastLineOf(stderr);
        return line.isEmpty() ? lastLineOf(stdout) : line;
    }

    private static String lastLineOf(String text) {
        String[] lines = text.strip().split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
