package dev.cbagent.exec;

import java.util.List;

/**
 * Quotes argv for a PowerShell command line (Windows hosts reached over OpenSSH): every element in a verbatim
 * single-quoted string, the program run with the call operator {@code &}.
 *
 * <p>PowerShell also accepts the typographic quotes U+2018, U+2019, U+201A and U+201B as single quotes, so those are
 * doubled too. When PowerShell hands the arguments to a native program it builds a Windows command line itself;
 * before PowerShell 7.3 (or with {@code $PSNativeCommandArgumentPassing = 'Legacy'}) it dropped empty arguments and
 * did not escape embedded double quotes, so prefer passing such values on stdin or in an options file.
 */
public final class PowerShell {
    private PowerShell() {
    }

    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed to a program");
        }
        StringBuilder quoted = new StringBuilder(word.length() + 2).append('\'');
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            quoted.append(c);
            if (isSingleQuote(c)) {
                quoted.append(c);
            }
        }
        return quoted.append('\'').toString();
    }

    /** {@code & 'program' 'arg1' 'arg2' ...}. */
    public static String render(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv needs at least the program");
        }
        StringBuilder line = new StringBuilder("&");
        for (String word : argv) {
            line.append(' ').append(quote(word));
        }
        return line.toString();
    }

    private static boolean isSingleQuote(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
    }
}
