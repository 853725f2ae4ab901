package dev.cbagent.verify;

/**
 * A host the management server confirmed.
 *
 * @param hostname   the host name as the caller gave it
 * @param resourceId the {@code resource.machine} id
 * @param agentId    the registered agent's id
 * @param name       the resource name as the server spells it
 * @param online     the agent's {@code is_online}
 */
public record Registration(String hostname, String resourceId, String agentId, String name, boolean online) {
}
