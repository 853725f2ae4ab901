package dev.cbagent.cli;

import java.util.Iterator;
import java.util.List;

/** Completion candidates and checking for {@code --platform}. */
final class PlatformOption implements Iterable<String> {
    static final List<String> VALUES = List.of("windows", "linux", "virtual-appliance");

    @Override
    public Iterator<String> iterator() {
        return VALUES.iterator();
    }

    static String check(picocli.CommandLine commandLine, String value) {
        if (value != null && !VALUES.contains(value)) {
            throw new picocli.CommandLine.ParameterException(commandLine,
                    "--platform: '" + value + "' is not one of " + String.join(", ", VALUES));
        }
        return value;
    }
}
