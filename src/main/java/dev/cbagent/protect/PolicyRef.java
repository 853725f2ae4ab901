package dev.cbagent.protect;

/** A protection plan on the server ({@code /policies}). */
public record PolicyRef(String id, String name, boolean enabled) {
}
