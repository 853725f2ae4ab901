package dev.cbagent.protect;

import java.util.Objects;

/**
 * A registered machine to protect.
 *
 * @param resourceId its {@code resource.machine} id
 * @param name       the name to use in messages (the host name)
 */
public record Machine(String resourceId, String name) {
    public Machine {
        Objects.requireNonNull(resourceId, "resourceId");
        name = name == null ? resourceId : name;
    }
}
