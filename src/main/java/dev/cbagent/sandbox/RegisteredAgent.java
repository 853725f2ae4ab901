package dev.cbagent.sandbox;

/**
 * The answer to a registration.
 *
 * @param resourceId the {@code resource.machine} id
 * @param agentId    the agent id
 * @param created    true when a new machine was added; false when an existing one was taken over
 * @param takenOver  true when the registration's {@code instanceId} named a live machine and that record now
 *                   belongs to the registering agent (same ids, its new name)
 */
public record RegisteredAgent(String resourceId, String agentId, boolean created, boolean takenOver) {
}
