package dev.cbagent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --debug} and {@code -o}/{@code --output} anywhere on a command line (DESIGN.md "Command line"). Each command
 * parses them as its own options; given before the command ({@code cbagent --debug -o json verify p.yaml}, or
 * {@code cbagent fleet -o json status ...}), they are moved to just after its name, so the one command's model
 * is all that start-up builds, and picocli sees one place for them.
 */
final class GlobalOptions {
    private static final String OUTPUT_SHORT = "-o";
    private static final String OUTPUT_LONG = "--output";
    private static final String DEBUG = "--debug";

    private GlobalOptions() {
    }

    /**
     * {@code args} with the global options that stand before the command's name moved after it.
     *
     * @param commands the top-level command names
     * @param nested   the names of the commands below a top-level one ({@code fleet}: run, status)
     */
    static String[] afterCommand(String[] args, Set<String> commands, Map<String, Set<String>> nested) {
        List<String> moved = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            int width = width(args, i);
            if (width > 0) {
                moved.addAll(List.of(args).subList(i, i + width));
                i += width;
            } else if (names.isEmpty() && commands.contains(args[i])
                    || names.size() == 1 && nested.getOrDefault(names.get(0), Set.of()).contains(args[i])) {
                names.add(args[i++]);
            } else {
                break;
            }
        }
        if (names.isEmpty() || moved.isEmpty()) {
            return args;
        }
        List<String> line = new ArrayList<>(names);
        line.addAll(moved);
        line.addAll(List.of(args).subList(i, args.length));
        return line.toArray(String[]::new);
    }

    /** Whether the command line asks for JSON output (the last {@code -o} counts), for a line picocli refused. */
    static boolean wantsJson(String[] args) {
        String format = null;
        for (int i = 0; i < args.length && !"--".equals(args[i]); i++) {
            String value = value(args, i);
            if (value != null) {
                format = value;
                i += width(args, i) - 1;
            }
        }
        return "json".equals(format);
    }

    /** How many words the global option at {@code i} takes up (0: none there). */
    private static int width(String[] args, int i) {
        String arg = args[i];
        if (DEBUG.equals(arg)) {
            return 1;
        }
        if (OUTPUT_SHORT.equals(arg) || OUTPUT_LONG.equals(arg)) {
            return i + 1 < args.length ? 2 : 0;
        }
        return value(args, i) != null ? 1 : 0;
    }

    /** The output format given at {@code i} ({@code -o json}, {@code -ojson}, {@code -o=json}, {@code --output=json}). */
    private static String value(String[] args, int i) {
        String arg = args[i];
        if (OUTPUT_SHORT.equals(arg) || OUTPUT_LONG.equals(arg)) {
            return i + 1 < args.length ? args[i + 1] : null;
        }
        if (arg.startsWith(OUTPUT_LONG + "=")) {
            return arg.substring(OUTPUT_LONG.length() + 1);
        }
        if (arg.startsWith(OUTPUT_SHORT) && !arg.startsWith("--") && arg.length() > OUTPUT_SHORT.length()) {
            String rest = arg.substring(OUTPUT_SHORT.length());
            return rest.startsWith("=") ? rest.substring(1) : rest;
        }
        return null;
    }
}
