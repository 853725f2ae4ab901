package dev.cbagent.sandbox;

import dev.cbagent.error.Redactor;

/**
 * The body of {@code POST /sandbox/v1/agents}, sent by the fake register tool and installers.
 *
 * @param name        the machine name the agent reports (required)
 * @param token       a registration token, or null
 * @param login       an administrator login (with {@code password}), or null
 * @param password    its password
 * @param tenant      the unit to register into, or null for the default tenant
 * @param storageNode true for {@code -s asn}
 * @param os          {@code linux}, {@code windows} or {@code virtual-appliance}; null means linux
 * @param instanceId  the {@code InstanceID} the agent already holds locally (its resource id), or null: when it
 *                    names a live registered machine, that machine is taken over (what a cloned image does)
 * @param agentId     the {@code MMSCurrentMachineID} the agent already holds locally, or null (recorded, not matched)
 */
public record AgentRegistration(String name, String token, String login, String password, String tenant,
                                Boolean storageNode, String os, String instanceId, String agentId) {

    /** A registration of an agent that holds no identity yet. */
    public AgentRegistration(String name, String token, String login, String password, String tenant,
                             Boolean storageNode, String os) {
        this(name, token, login, password, tenant, storageNode, os, null, null);
    }

    public static AgentRegistration anonymous(String name) {
        return new AgentRegistration(name, null, null, null, null, false, "linux");
    }

    public static AgentRegistration byToken(String name, String token) {
        return new AgentRegistration(name, token, null, null, null, false, "linux");
    }

    /** The same registration, sent by an agent that holds this local identity (either may be null). */
    public AgentRegistration withIdentity(String localInstanceId, String localAgentId) {
        return new AgentRegistration(name, token, login, password, tenant, storageNode, os, localInstanceId,
                localAgentId);
    }

    @Override
    public String toString() {
        return "AgentRegistration[name=" + name + ", token=" + (token == null ? "none" : Redactor.MASK) + ", login=" + login
                + ", tenant=" + tenant + ", storageNode=" + storageNode + ", os=" + os + ", instanceId=" + instanceId
                + ", agentId=" + agentId + "]";
    }
}
