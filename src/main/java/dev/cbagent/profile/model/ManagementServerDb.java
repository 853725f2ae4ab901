package dev.cbagent.profile.model;

import dev.cbagent.profile.Secret;

/** The profile's {@code managementServerDb:} section (Windows, on-premise); null fields when absent. */
public record ManagementServerDb(String type, String auth, String login, Secret password, String driver,
                                 String instance) {
}
