package dev.cbagent.profile.model;

import java.util.List;

/** The profile's {@code components:} section: names to add and to remove (empty lists when absent). */
public record Components(List<String> add, List<String> remove) {
    public Components {
        add = List.copyOf(add);
        remove = List.copyOf(remove);
    }
}
