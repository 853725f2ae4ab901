package dev.cbagent.exec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Quotes argv for a POSIX {@code sh} command line (used for remote runs over SSH and for showing commands). Each
 * element becomes exactly one word and nothing in it is expanded: {@code $}, backticks, globs, {@code ;} and
 * newlines all stay literal.
 */
public final class PosixShell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private PosixShell() {
    }

    /** The word itself when it has only safe characters, otherwise single-quoted with {@code '} as {@code '\''}. */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed to a program");
        }
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The whole argv as one command line, elements quoted and separated by single spaces. */
    public static String render(List<String> argv) {
        StringBuilder line = new StringBuilder();
        for (String word : argv) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(quote(word));
        }
        return line.toString();
    }
}
