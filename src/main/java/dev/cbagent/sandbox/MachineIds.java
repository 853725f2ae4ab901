package dev.cbagent.sandbox;

/**
 * The two ids a machine is known by: on the agent's side {@code InstanceID} and {@code MMSCurrentMachineID}.
 *
 * @param resourceId the {@code resource.machine} id ({@code InstanceID})
 * @param agentId    its {@code agent_id} ({@code MMSCurrentMachineID})
 */
public record MachineIds(String resourceId, String agentId) {
}
