package dev.cbagent.profile.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One key a profile may contain: its type, allowed values and, for objects, its children.
 * The same tree drives loading (unknown keys, types), the JSON Schema and the profile reference.
 */
public record KeySpec(String name, ValueType type, String description, List<String> allowed,
                      Integer min, Integer max, Map<String, KeySpec> children) {

    public KeySpec {
        allowed = List.copyOf(allowed);
        children = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }

    public static KeySpec of(String name, ValueType type, String description) {
        return new KeySpec(name, type, description, List.of(), null, null, Map.of());
    }

    public static KeySpec oneOf(String name, String description, String... allowed) {
        return new KeySpec(name, ValueType.ENUM, description, List.of(allowed), null, null, Map.of());
    }

    public static KeySpec integer(String name, String description, int min, int max) {
        return new KeySpec(name, ValueType.INTEGER, description, List.of(), min, max, Map.of());
    }

    public static KeySpec object(String name, String description, KeySpec... children) {
        Map<String, KeySpec> map = new LinkedHashMap<>();
        for (KeySpec child : children) {
            map.put(child.name(), child);
        }
        return new KeySpec(name, ValueType.OBJECT, description, List.of(), null, null, map);
    }

    public boolean isSecret() {
        return type == ValueType.SECRET;
    }
}
