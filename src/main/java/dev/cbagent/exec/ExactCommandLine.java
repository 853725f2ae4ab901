package dev.cbagent.exec;

import java.util.List;
import org.apache.commons.exec.CommandLine;

/**
 * A Commons Exec command line that hands the operating system exactly the given argv. Every argument is added with
 * {@code addArgument(arg, false)} (no quoting, no splitting), and {@link #toStrings()} returns the values untouched:
 * Commons Exec would otherwise trim each argument and turn {@code \} into {@code /} in the program path.
 */
final class ExactCommandLine extends CommandLine {
    private final List<String> values;

    ExactCommandLine(List<String> values) {
        super(values.get(0));
        for (String argument : values.subList(1, values.size())) {
            addArgument(argument, false);
        }
        this.values = List.copyOf(values);
    }

    @Override
    public String[] toStrings() {
        return values.toArray(String[]::new);
    }

    /** Never the values: they may hold secrets. */
    @Override
    public String toString() {
        return "command line of " + values.size() + " elements";
    }
}
