package dev.cbagent.sandbox.fake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /sandbox/v1/agents}; absent fields are left out of the JSON. {@code instanceId} and
 * {@code agentId} are the identity the agent already holds locally ({@code InstanceID}, {@code MMSCurrentMachineID}).
 */
record AgentRegistration(String name, String token, String login, String password, String tenant,
                         boolean storageNode, String os, String instanceId, String agentId) {

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        putIfPresent(json, "token", token);
        putIfPresent(json, "login", login);
        putIfPresent(json, "password", password);
        putIfPresent(json, "tenant", tenant);
        json.put("storageNode", storageNode);
        json.put("os", os);
        putIfPresent(json, "instanceId", instanceId);
        putIfPresent(json, "agentId", agentId);
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
