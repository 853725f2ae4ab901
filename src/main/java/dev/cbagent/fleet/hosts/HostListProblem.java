package dev.cbagent.fleet.hosts;

/** One mistake in a host list, printed as {@code FILE:LINE: error: message}. */
public record HostListProblem(String file, int line, String message) {
    public String format() {
        return file + ":" + line + ": error: " + message;
    }
}
