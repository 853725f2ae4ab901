package dev.cbagent.profile;

import dev.cbagent.text.Durations;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The typed values of a loaded profile, addressed by key path ({@code registration.token}), with the location
 * each was written at. Values are String, Boolean, Integer, Duration, List&lt;String&gt; or {@link Secret}.
 */
public final class ProfileValues {
    private final String file;
    private final Map<String, Object> values;
    private final Map<String, Location> locations;
    private final Set<String> defaulted;

    public ProfileValues(String file, Map<String, Object> values, Map<String, Location> locations, Set<String> defaulted) {
        this.file = file;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
        this.defaulted = Set.copyOf(defaulted);
    }

    public String file() {
        return file;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String path) {
        return values.containsKey(path);
    }

    /** True when the key was written in the profile (or a base), not filled in by a default. */
    public boolean isExplicit(String path) {
        return has(path) && !defaulted.contains(path);
    }

    /** True when any key under {@code prefix} (an object path) has a value. */
    public boolean hasAnyUnder(String prefix) {
        String dotted = prefix + ".";
        return values.keySet().stream().anyMatch(k -> k.startsWith(dotted));
    }

    public Object get(String path) {
        return values.get(path);
    }

    public Optional<String> string(String path) {
        Object v = values.get(path);
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public boolean bool(String path) {
        return Boolean.TRUE.equals(values.get(path));
    }

    public Optional<Integer> integer(String path) {
        Object v = values.get(path);
        return v instanceof Integer i ? Optional.of(i) : Optional.empty();
    }

    public Optional<Duration> duration(String path) {
        Object v = values.get(path);
        return v instanceof Duration d ? Optional.of(d) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String path) {
        Object v = values.get(path);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }

    public Optional<Secret> secret(String path) {
        Object v = values.get(path);
        return v instanceof Secret s ? Optional.of(s) : Optional.empty();
    }

    /** The value as text: a secret's real value, a list joined with commas. */
    public Optional<String> text(String path) {
        Object v = values.get(path);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Secret s) {
            return Optional.of(s.reveal());
        }
        if (v instanceof List<?> l) {
            return Optional.of(String.join(",", l.stream().map(String::valueOf).toList()));
        }
        if (v instanceof Duration d) {
            return Optional.of(Durations.format(d));
        }
        return Optional.of(String.valueOf(v));
    }

    public boolean isSecret(String path) {
        return values.get(path) instanceof Secret;
    }

    /** Where the key was written, else its nearest written parent, else the top of the file. */
    public Location location(String path) {
        String p = path;
        while (true) {
            Location at = locations.get(p);
            if (at != null) {
                return at;
            }
            int dot = p.lastIndexOf('.');
            if (dot < 0) {
                return Location.startOf(file);
            }
            p = p.substring(0, dot);
        }
    }

    public ProfileValues withValue(String path, Object value, boolean isDefault) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(path, value);
        Set<String> def = new HashSet<>(defaulted);
        if (isDefault) {
            def.add(path);
        } else {
            def.remove(path);
        }
        return new ProfileValues(file, copy, locations, def);
    }

    /** Every secret value, for redacting logs and output. */
    public List<String> secretValues() {
        return values.values().stream().filter(Secret.class::isInstance).flatMap(v -> ((Secret) v).masks().stream())
                .filter(s -> !s.isEmpty()).distinct().toList();
    }
}
