package dev.cbagent.sandbox;

/**
 * The answer to a registration.
 *
 * @param resourceId the {@code resource.machine} id
 * @param agentId    the agent id
 * @param created    false when an existing machine of the same name was reused
 */
public record RegisteredAgent(String resourceId, String agentId, boolean created) {
}
