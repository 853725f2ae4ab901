package dev.cbagent.plan;

import dev.cbagent.profile.ProfileValues;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code when} of a dialect option: terms joined with {@code ||} or {@code &&} (not mixed), each
 * {@code key}, {@code !key}, {@code key == v}, {@code key != v} or {@code key contains v}.
 * An absent key is never equal to anything.
 */
public final class Condition {
    // Compiled once: String.split would compile each of these again for every option of every plan.
    private static final Pattern OR = Pattern.compile("\\|\\|");
    private static final Pattern AND = Pattern.compile("&&");
    private static final Pattern OR_OR_AND = Pattern.compile("\\|\\||&&");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Condition() {
    }

    public static boolean holds(String when, ProfileValues values) {
        if (when == null || when.isBlank()) {
            return true;
        }
        if (when.contains("||")) {
            for (String term : OR.split(when)) {
                if (term(term.trim(), values)) {
                    return true;
                }
            }
            return false;
        }
        for (String term : AND.split(when)) {
            if (!term(term.trim(), values)) {
                return false;
            }
        }
        return true;
    }

    /** Key paths a condition reads. */
    public static List<String> keys(String when) {
        List<String> keys = new ArrayList<>();
        if (when == null) {
            return keys;
        }
        for (String term : OR_OR_AND.split(when)) {
            String t = term.trim();
            if (t.startsWith("!")) {
                t = t.substring(1);
            }
            keys.add(SPACES.split(t)[0]);
        }
        return keys;
    }

    private static boolean term(String term, ProfileValues values) {
        String[] parts = SPACES.split(term, 3);
        if (parts.length == 1) {
            return parts[0].startsWith("!") ? !values.bool(parts[0].substring(1)) : values.bool(parts[0]);
        }
        if (parts.length != 3) {
            throw new IllegalArgumentException("bad condition: " + term);
        }
        String key = parts[0];
        String expected = parts[2];
        return switch (parts[1]) {
            case "==" -> values.has(key) && values.text(key).orElse("").equals(expected);
            case "!=" -> !values.has(key) || !values.text(key).orElse("").equals(expected);
            case "contains" -> values.list(key).contains(expected);
            default -> throw new IllegalArgumentException("bad condition operator in: " + term);
        };
    }
}
