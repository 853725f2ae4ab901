package dev.cbagent.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * The fields of a resource (2.10.1) that decide whether a machine is registered.
 *
 * @param online the {@code agent} attribute {@code is_online}: 1, "1" or "true" (any case) mean online
 */
public record MachineResource(String id, String type, String name, String agentId, String tenantId,
                              String deletedAt, boolean online) {
    public static final String MACHINE_TYPE = "resource.machine";

    public static MachineResource from(JsonNode resource) {
        return new MachineResource(text(resource, "id"), text(resource, "type"), text(resource, "name"),
                text(resource, "agent_id"), text(resource, "tenant_id"), text(resource, "deleted_at"),
                isOnline(resource));
    }

    public boolean isMachine() {
        return MACHINE_TYPE.equals(type);
    }

    public boolean isDeleted() {
        return deletedAt != null && !deletedAt.isEmpty();
    }

    public boolean hasAgent() {
        return agentId != null && !agentId.isBlank();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static boolean isOnline(JsonNode resource) {
        JsonNode attributes = resource.get("attributes");
        if (attributes == null || !attributes.isArray()) {
            return false;
        }
        for (JsonNode namespace : attributes) {
            if (!"agent".equals(namespace.path("name").asText()) || !namespace.path("kvs").isArray()) {
                continue;
            }
            for (JsonNode kv : namespace.get("kvs")) {
                if ("is_online".equals(kv.path("key").asText())) {
                    return truthy(kv.get("value"));
                }
            }
        }
        return false;
    }

    private static boolean truthy(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isArray()) {
            return value.size() == 1 && truthy(value.get(0));
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.asDouble() == 1.0;
        }
        String text = value.asText().trim().toLowerCase(Locale.ROOT);
        return text.equals("1") || text.equals("true");
    }
}
