package dev.cbagent.protect;

/** A static group on the server (a {@code resource.group.computers}). */
public record GroupRef(String id, String name) {
}
