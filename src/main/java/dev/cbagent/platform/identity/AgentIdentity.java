package dev.cbagent.platform.identity;


/**
 * Who an installed agent is to its management server: {@code InstanceID} is the machine's resource id,
 * {@code MMSCurrentMachineID} the resource's {@code agent_id} (DESIGN.md "Agent identity on the machine"). Both are
 * UUIDs: stored without quotes or braces, compared ignoring case.
 *
 * @param agentId may be null when only the instance id could be read
 */
public record AgentIdentity(String instanceId, String agentId) {
    public AgentIdentity {
        instanceId = clean(instanceId);
        agentId = clean(agentId);
        if (instanceId == null) {
            throw new IllegalArgumentException("an agent identity needs an InstanceID");
        }
    }

    /** Whether the server's {@code agent_id} is this agent's (true when this side does not know its agent id). */
    public boolean sameAgent(String serverAgentId) {
        return agentId == null || (serverAgentId != null && agentId.equalsIgnoreCase(clean(serverAgentId)));
    }

    public boolean sameInstance(String resourceId) {
        return resourceId != null && instanceId.equalsIgnoreCase(clean(resourceId));
    }

    /** The value as the product stores it ({@code "{5C6A...}"}, {@code "5c6a..."}) without quotes, braces, blanks. */
    static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        while (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("{") && value.endsWith("}"))) {
            value = value.substring(1, value.length() - 1).strip();
        }
        return value.isEmpty() ? null : value;
    }

    /** For logs and reports: the ids are not secrets. */
    public String describe() {
        return "InstanceID " + instanceId + (agentId == null ? "" : ", agent " + agentId);
    }
}
