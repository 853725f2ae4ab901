package dev.cbagent.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each profile key becomes on one platform, read from its dialect, in words for people (the profile
 * reference): {@code --reg-address=<value>}, {@code tool: -a <value>}, {@code --skip-registration (when skip)}.
 */
public final class DialectFlags {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9.]+)(?::(host|port))?}");

    /** The flags a key becomes ({@code flags}) and the flags it only switches on or off ({@code controls}). */
    public record Usage(List<String> flags, List<String> controls) {
    }

    private DialectFlags() {
    }

    public static Map<String, Usage> of(Dialect dialect) {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        Map<String, List<String>> controls = new LinkedHashMap<>();
        if (dialect.hasInstaller()) {
            collect(dialect.installer().options(), dialect.installer().form(), "", flags, controls);
        }
        if (dialect.registerTool() != null) {
            Dialect.RegisterTool tool = dialect.registerTool();
            collect(tool.register(), tool.form(), "tool: ", flags, controls);
            collect(tool.unregister(), tool.form(), "tool: ", flags, controls);
        }
        Map<String, Usage> out = new LinkedHashMap<>();
        for (String key : union(flags, controls)) {
            out.put(key, new Usage(flags.getOrDefault(key, List.of()), controls.getOrDefault(key, List.of())));
        }
        return out;
    }

    private static void collect(List<OptionSpec> options, String form, String prefix,
                                Map<String, List<String>> flags, Map<String, List<String>> controls) {
        for (OptionSpec option : options) {
            for (String key : OptionRenderer.keys(option.value())) {
                add(flags, key, prefix + shown(option, form, key));
            }
            String when = option.when();
            if (when == null || when.isBlank()) {
                continue;
            }
            for (String term : when.split("\\|\\||&&")) {
                String[] parts = term.trim().split("\\s+", 3);
                String key = parts[0].startsWith("!") ? parts[0].substring(1) : parts[0];
                String text = prefix + shown(option, form, key);
                if (parts.length == 1 && !parts[0].startsWith("!")) {
                    add(flags, key, text);
                } else if (parts.length == 3 && parts[1].equals("==")) {
                    add(flags, key, text + " (when `" + parts[2] + "`)");
                } else if (parts.length == 3 && parts[1].equals("contains")) {
                    add(flags, key, text + " (when it lists `" + parts[2] + "`)");
                } else {
                    add(controls, key, text);
                }
            }
        }
    }

    /** The option as written on a command line, the key's own value as {@code <value>}. */
    private static String shown(OptionSpec option, String form, String ownKey) {
        if (option.value() == null) {
            return "`" + option.flag() + "`";
        }
        Matcher m = PLACEHOLDER.matcher(option.value());
        StringBuilder value = new StringBuilder();
        while (m.find()) {
            String name = m.group(2) != null ? m.group(2) : m.group(1).equals(ownKey) ? "value" : m.group(1);
            m.appendReplacement(value, Matcher.quoteReplacement("<" + name + ">"));
        }
        m.appendTail(value);
        return "`" + option.flag() + ("separate".equals(form) ? " " : "=") + value + "`";
    }

    private static void add(Map<String, List<String>> map, String key, String text) {
        List<String> list = map.computeIfAbsent(key, k -> new ArrayList<>());
        if (!list.contains(text)) {
            list.add(text);
        }
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        return keys;
    }
}
