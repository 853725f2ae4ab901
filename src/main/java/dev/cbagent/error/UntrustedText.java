package dev.cbagent.error;

/**
 * Text that others wrote (a host about itself, a server's names and fields) printed safely: control characters
 * (terminal escape sequences, bells, bidi controls) are shown as {@code ?}.
 */
public final class UntrustedText {
    private static final int MAX_SHOWN = 80;

    private UntrustedText() {
    }

    /** The text with every control character shown as {@code ?}, cut to a readable length. */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        boolean longer = text.codePointCount(0, text.length()) > MAX_SHOWN;
        String head = longer ? text.substring(0, text.offsetByCodePoints(0, MAX_SHOWN)) : text;
        return withoutControls(head) + (longer ? "..." : "");
    }

    /** The text with every control character (terminal escapes, bells, bidi controls) shown as {@code ?}. */
    public static String withoutControls(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || c == 0x2028 || c == 0x2029) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
