package dev.cbagent.profile.model;

import java.util.List;

/** The profile's {@code components:} section: names to add and to remove; a list is null when not written. */
public record Components(List<String> add, List<String> remove) {
    public Components {
        add = add == null ? null : List.copyOf(add);
        remove = remove == null ? null : List.copyOf(remove);
    }
}
