package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Locale;

/** The JSON of a freshly registered {@code resource.machine}, shaped like the guide's example (2.10.1). */
final class MachineJson {
    static final String AGENT_VERSION = "18.5.1234";

    private MachineJson() {
    }

    static ObjectNode machine(ObjectMapper json, String id, String agentId, AgentRegistration request,
                              String name, String tenantId, Instant now) {
        String os = request.os() == null ? "linux" : request.os().toLowerCase(Locale.ROOT);
        boolean windows = os.startsWith("win");
        ObjectNode machine = json.createObjectNode();
        machine.put("id", id);
        machine.put("created_at", now.toString());
        machine.put("updated_at", now.toString());
        machine.putNull("deleted_at");
        machine.put("tenant_id", tenantId);
        machine.put("external_id", id + "@" + tenantId);
        machine.put("type", "resource.machine");
        machine.put("agent_id", agentId);
        machine.put("name", name);
        machine.put("user_defined_name", name);
        machine.putArray("parent_group_ids");
        ArrayNode attributes = machine.putArray("attributes");

        ObjectNode agent = attributes.addObject();
        agent.put("name", "agent");
        ArrayNode kvs = agent.putArray("kvs");
        kv(kvs, "os_family", windows ? "Windows" : "Linux");
        kv(kvs, "os_name", windows ? "Microsoft Windows Server 2019 Standard" : "Linux");
        kv(kvs, "version", AGENT_VERSION);
        kvs.addObject().put("key", "enabled").put("value", 1);
        kvs.addObject().put("key", "is_online").put("value", 0);
        ArrayNode components = kvs.addObject().put("key", "components").putArray("value");
        components.add(windows ? "x64WindowsAgent" : "BackupAndRecoveryAgent");
        if (Boolean.TRUE.equals(request.storageNode())) {
            components.add("StorageNode");
        }
        kvs.addObject().put("key", "mac_addresses").putArray("value").add("00:50:56:00:00:01");
        kvs.addObject().put("key", "residential_addresses").putArray("value").add("127.0.0.1");

        ObjectNode defaults = attributes.addObject();
        defaults.put("name", "default");
        ArrayNode defaultKvs = defaults.putArray("kvs");
        kv(defaultKvs, "name", name);
        kv(defaultKvs, "ip", "127.0.0.1");
        kv(defaultKvs, "operating_system", windows ? "Microsoft Windows Server 2019 Standard" : "Linux");
        return machine;
    }

    /** Gives a machine's JSON a new name: {@code name}, {@code user_defined_name} and the {@code default} name. */
    static void rename(ObjectNode machine, String name) {
        machine.put("name", name);
        machine.put("user_defined_name", name);
        for (var namespace : machine.path("attributes")) {
            if ("default".equals(namespace.path("name").asText())) {
                for (var kv : namespace.path("kvs")) {
                    if ("name".equals(kv.path("key").asText())) {
                        ((ObjectNode) kv).put("value", name);
                    }
                }
            }
        }
    }

    private static void kv(ArrayNode kvs, String key, String value) {
        kvs.addObject().put("key", key).put("value", value);
    }
}
