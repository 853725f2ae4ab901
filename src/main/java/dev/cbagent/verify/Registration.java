package dev.cbagent.verify;

/**
 * A host the management server confirmed.
 *
 * @param hostname   the host name as the caller gave it
 * @param resourceId the {@code resource.machine} id
 * @param agentId    the registered agent's id
 * @param name       the resource name as the server spells it
 * @param online     the agent's {@code is_online}
 * @param foundBy    how it was found: {@code id} (the local InstanceID), {@code agent_id} (MMSCurrentMachineID,
 *                   when the id was not known yet) or {@code name} (no local identity could be read)
 */
public record Registration(String hostname, String resourceId, String agentId, String name, boolean online,
                           String foundBy) {
    public static final String BY_ID = "id";
    public static final String BY_AGENT_ID = "agent_id";
    public static final String BY_NAME = "name";

    public Registration(String hostname, String resourceId, String agentId, String name, boolean online) {
        this(hostname, resourceId, agentId, name, online, BY_NAME);
    }
}
