package dev.cbagent.profile;

/** A place in a profile file; line and column start at 1, as editors count them. */
public record Location(String file, int line, int column) {
    public static Location startOf(String file) {
        return new Location(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
