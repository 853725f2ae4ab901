package dev.cbagent.profile.model;

import dev.cbagent.profile.Secret;

/** One Windows service account ({@code services.agent} and the like); null fields when absent. */
public record ServiceAccount(String account, String login, Secret password) {
}
