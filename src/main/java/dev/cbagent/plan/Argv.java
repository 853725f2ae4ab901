package dev.cbagent.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An immutable command line: the program followed by its arguments, never a shell string. */
public final class Argv {
    private final List<Arg> args;

    public Argv(List<Arg> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("argv needs at least the program");
        }
        this.args = List.copyOf(args);
    }

    public static Argv of(String... plain) {
        List<Arg> list = new ArrayList<>();
        for (String s : plain) {
            list.add(Arg.plain(s));
        }
        return new Argv(list);
    }

    public List<Arg> args() {
        return args;
    }

    public String program() {
        return args.get(0).value();
    }

    /** The real values, for the operating system only. */
    public List<String> values() {
        List<String> values = new ArrayList<>(args.size());
        for (Arg arg : args) {
            values.add(arg.value());
        }
        return Collections.unmodifiableList(values);
    }

    /** The values with every secret masked, for plans, logs and reports. */
    public List<String> display() {
        List<String> shown = new ArrayList<>(args.size());
        for (Arg arg : args) {
            shown.add(arg.display());
        }
        return Collections.unmodifiableList(shown);
    }

    public Set<String> secrets() {
        Set<String> secrets = new LinkedHashSet<>();
        for (Arg arg : args) {
            for (String mask : arg.masks()) {
                if (!mask.isEmpty()) {
                    secrets.add(mask);
                }
            }
        }
        return Collections.unmodifiableSet(secrets);
    }

    public Argv with(Arg extra) {
        List<Arg> list = new ArrayList<>(args);
        list.add(extra);
        return new Argv(list);
    }

    @Override
    public String toString() {
        return String.join(" ", display());
    }
}
