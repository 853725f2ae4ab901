package dev.cbagent.fleet.hosts;

import dev.cbagent.error.UntrustedText;

import java.util.regex.Pattern;

/**
 * Text a host sends about itself is not trusted: a name it reports must be a host name (RFC 1123 labels, as
 * Windows and Linux machines name themselves; underscores tolerated), and any text of it that is printed has its
 * control characters (terminal escape sequences) replaced.
 */
public final class HostNameText {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

    private HostNameText() {
    }

    /** True when {@code name} is a host name or FQDN of at most 253 characters. */
    public static boolean isHostName(String name) {
        if (name == null || name.isEmpty() || name.length() > 253) {
            return false;
        }
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (trimmed.isEmpty()) {
            return false;
        }
        for (String label : trimmed.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The text with every control character shown as {@code ?}, cut to a readable length. */
    public static String printable(String text) {
        return UntrustedText.printable(text);
    }

    /** The text with every control character (terminal escapes, bells, bidi controls) shown as {@code ?}. */
    public static String withoutControls(String text) {
        return UntrustedText.withoutControls(text);
    }
}
