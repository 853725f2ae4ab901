package dev.cbagent.fleet.hosts;

import java.util.LinkedHashMap;
import java.util.Map;

/** A host as written, before validation: key to text, the line of each key, and its environment. */
final class RawHost {
    final int line;
    final Map<String, String> values = new LinkedHashMap<>();
    final Map<String, Integer> lines = new LinkedHashMap<>();
    final Map<String, String> env = new LinkedHashMap<>();
    /** The inventory groups the host belongs to (with their parents and {@code all}); empty for other lists. */
    final java.util.Set<String> groups = new java.util.LinkedHashSet<>();
    /** The host's name in its inventory; null for other lists. */
    String name;

    RawHost(int line) {
        this.line = line;
    }

    RawHost put(String key, String value, int at) {
        values.put(key, value);
        lines.put(key, at);
        return this;
    }

    int lineOf(String key) {
        return lines.getOrDefault(key, line);
    }

    /** These values, with {@code defaults} filling the keys this host leaves out. */
    RawHost over(RawHost defaults) {
        RawHost merged = new RawHost(line);
        defaults.values.forEach((k, v) -> merged.put(k, v, defaults.lineOf(k)));
        values.forEach((k, v) -> merged.put(k, v, lineOf(k)));
        merged.env.putAll(defaults.env);
        merged.env.putAll(env);
        merged.groups.addAll(groups);
        merged.name = name;
        return merged;
    }
}
