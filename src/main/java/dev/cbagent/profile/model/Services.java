package dev.cbagent.profile.model;

/** The profile's {@code services:} section (Windows service accounts); an account is null when not written. */
public record Services(ServiceAccount agent, ServiceAccount managementServer, ServiceAccount storageNode) {
}
