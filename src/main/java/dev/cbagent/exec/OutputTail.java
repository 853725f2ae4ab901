package dev.cbagent.exec;

import dev.cbagent.error.UntrustedText;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last non-blank lines a program printed, already masked, kept for messages and reports about it: a failing
 * installer's reason is usually in its last lines. What the program wrote is untrusted text, so the lines come back
 * with control characters (terminal escapes) shown as {@code ?}.
 */
public final class OutputTail {
    /** How many last lines reports and JSON results carry. */
    public static final int KEPT = 10;
    /** How many of them an error message quotes. */
    static final int QUOTED = 3;
    private static final int MAX_LINE = 300;

    private final ArrayDeque<String> lines = new ArrayDeque<>();

    synchronized void add(String line) {
        if (line.isBlank()) {
            return;
        }
        lines.addLast(line.strip());
        if (lines.size() > KEPT) {
            lines.removeFirst();
        }
    }

    /** The kept lines, oldest first, printable. */
    synchronized List<String> lines() {
        return lines.stream().map(OutputTail::printable).toList();
    }

    /** The last {@code n} non-blank lines of {@code text} (masked already), oldest first, printable. */
    public static List<String> lastLines(String text, int n) {
        if (text == null) {
            return List.of();
        }
        List<String> all = text.lines().filter(l -> !l.isBlank()).map(OutputTail::printable).toList();
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** The last lines as one clause for an error message: {@code ; its last lines: a | b | c}, or "" when none. */
    public static String quoted(List<String> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        return "; its last lines: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - QUOTED), lines.size()));
    }

    private static String printable(String line) {
        String shown = UntrustedText.withoutControls(line.strip());
        return shown.length() > MAX_LINE ? shown.substring(0, MAX_LINE) + "..." : shown;
    }
}
