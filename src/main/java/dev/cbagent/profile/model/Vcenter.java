package dev.cbagent.profile.model;

import dev.cbagent.profile.Secret;

/** The profile's {@code vcenter:} section (Windows agent for VMware); null fields when absent. */
public record Vcenter(String address, String login, Secret password) {
}
