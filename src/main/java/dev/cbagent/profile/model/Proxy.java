package dev.cbagent.profile.model;

import dev.cbagent.profile.Secret;

/** The profile's {@code proxy:} section (the agent's proxy for cloud storage traffic); null fields when absent. */
public record Proxy(String mode, String address, String login, Secret password) {
}
