package dev.cbagent.profile.yaml;

import dev.cbagent.profile.Location;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML node that remembers where it was written, so every finding can name a file, line and column. */
public sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {
    Location location();

    /** A mapping; entries keep their order and the location of their key. */
    record YMap(Location location, Map<String, Entry> entries) implements YNode {
        public YMap {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    record Entry(Location keyLocation, YNode value) {
    }

    record YList(Location location, List<YNode> items) implements YNode {
        public YList {
            items = List.copyOf(items);
        }
    }

    /** A scalar; {@code kind} is how YAML typed it (str, int, bool, null, float...). */
    record YScalar(Location location, String value, String kind) implements YNode {
        public boolean isNull() {
            return "null".equals(kind);
        }
    }
}
