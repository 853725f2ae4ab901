package dev.cbagent.profile;

/** One problem in a profile, printed as {@code FILE:LINE:COLUMN: error|warning: key.path: message}. */
public record Finding(Location location, Severity severity, String key, String message) {
    public static Finding error(Location location, String key, String message) {
        return new Finding(location, Severity.ERROR, key, message);
    }

    public static Finding warning(Location location, String key, String message) {
        return new Finding(location, Severity.WARNING, key, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public String format() {
        return location + ": " + severity.label() + ": " + key + ": " + message;
    }
}
