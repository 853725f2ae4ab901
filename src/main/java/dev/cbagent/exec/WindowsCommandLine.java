package dev.cbagent.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Windows has no argv, only one command-line string that each program splits itself; nearly all use the rules of
 * {@code CommandLineToArgvW} / the Microsoft C runtime. {@link #render} builds a string those rules split back into
 * exactly the given argv; {@link #parse} applies the rules, so the two can be checked against each other.
 */
public final class WindowsCommandLine {
    private WindowsCommandLine() {
    }

    /**
     * Renders argv. The program (first element) follows the rules for the program name: quoted when it holds a
     * space or tab or is empty, and it may not contain {@code "}. Every other element is left bare when it needs no
     * quoting, else wrapped in quotes with backslashes doubled before a quote or the closing quote and quotes escaped.
     */
    public static String render(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv needs at least the program");
        }
        String program = renderProgram(argv.get(0));
        return argv.size() == 1 ? program : program + ' ' + renderArguments(argv.subList(1, argv.size()));
    }

    /**
     * The arguments part of {@link #render} alone (what follows the program and one space), for APIs that take the
     * program and the rest of the command line apart ({@code ProcessStartInfo.Arguments}).
     */
    public static String renderArguments(List<String> arguments) {
        StringBuilder line = new StringBuilder();
        for (String argument : arguments) {
            if (line.length() > 0) {
                line.append(' ');
            }
            appendArgument(line, argument);
        }
        return line.toString();
    }

    private static String renderProgram(String program) {
        requireNoNul(program);
        if (program.indexOf('"') >= 0) {
            throw new IllegalArgumentException("a Windows program path cannot contain a double quote: " + program);
        }
        boolean needsQuotes = program.isEmpty() || program.indexOf(' ') >= 0 || program.indexOf('\t') >= 0;
        return needsQuotes ? '"' + program + '"' : program;
    }

    private static void appendArgument(StringBuilder line, String argument) {
        requireNoNul(argument);
        if (!argument.isEmpty() && !needsQuotes(argument)) {
            line.append(argument);
            return;
        }
        line.append('"');
        int backslashes = 0;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                line.append("\\".repeat(backslashes * 2 + 1)).append('"');
            } else {
                line.append("\\".repeat(backslashes)).append(c);
            }
            backslashes = 0;
        }
        line.append("\\".repeat(backslashes * 2)).append('"');
    }

    private static boolean needsQuotes(String argument) {
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '"') {
                return true;
            }
        }
        return false;
    }

    private static void requireNoNul(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed to a program");
        }
    }

    /**
     * Splits a command line the way {@code CommandLineToArgvW} does. The program name ends at the next quote when
     * it starts with one, else at the first space or tab, and knows no escapes. After it, arguments are separated by
     * spaces and tabs outside quotes; 2n backslashes before a quote give n backslashes and the quote opens or closes
     * quoting; 2n+1 give n backslashes and a literal quote; other backslashes are literal; inside quotes, a run of
     * quotes gives a literal quote for every third. An empty line gives an empty list (Windows would answer with the
     * path of the running program).
     */
    public static List<String> parse(String commandLine) {
        List<String> argv = new ArrayList<>();
        if (commandLine.isEmpty()) {
            return argv;
        }
        int i = parseProgram(commandLine, argv);
        while (i < commandLine.length() && isBlank(commandLine.charAt(i))) {
            i++;
        }
        if (i < commandLine.length()) {
            parseArguments(commandLine, i, argv);
        }
        return argv;
    }

    private static int parseProgram(String line, List<String> argv) {
        int i = 0;
        StringBuilder program = new StringBuilder();
        if (line.charAt(0) == '"') {
            i = 1;
            while (i < line.length() && line.charAt(i) != '"') {
                program.append(line.charAt(i++));
            }
            if (i < line.length()) {
                i++;
            }
        } else {
            while (i < line.length() && !isBlank(line.charAt(i))) {
                program.append(line.charAt(i++));
            }
        }
        argv.add(program.toString());
        return i;
    }

    private static void parseArguments(String line, int start, List<String> argv) {
        StringBuilder current = new StringBuilder();
        int quotes = 0;
        int backslashes = 0;
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (isBlank(c) && quotes == 0) {
                argv.add(current.toString());
                current.setLength(0);
                backslashes = 0;
                while (i < line.length() && isBlank(line.charAt(i))) {
                    i++;
                }
                if (i == line.length()) {
                    return;
                }
            } else if (c == '\\') {
                current.append(c);
                backslashes++;
                i++;
            } else if (c == '"') {
                if (backslashes % 2 == 0) {
                    current.setLength(current.length() - backslashes / 2);
                    quotes++;
                } else {
                    current.setLength(current.length() - backslashes / 2 - 1);
                    current.append('"');
                }
                backslashes = 0;
                i++;
                while (i < line.length() && line.charAt(i) == '"') {
                    quotes++;
                    if (quotes == 3) {
                        current.append('"');
                        quotes = 0;
                    }
                    i++;
                }
                if (quotes == 2) {
                    quotes = 0;
                }
            } else {
                current.append(c);
                backslashes = 0;
                i++;
            }
        }
        argv.add(current.toString());
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
