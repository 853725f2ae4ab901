package dev.cbagent.profile.rules;

import dev.cbagent.profile.Severity;

/** What a rule found, before it is given a location. */
public record Violation(String key, Severity severity, String message) {
    public static Violation error(String key, String message) {
        return new Violation(key, Severity.ERROR, message);
    }

    public static Violation warning(String key, String message) {
        return new Violation(key, Severity.WARNING, message);
    }
}
