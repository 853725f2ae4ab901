package dev.cbagent.profile.model;

/** The profile's {@code ports:} section (Windows management server); null when not written. */
public record Ports(Integer webServer, Integer zmq) {
}
