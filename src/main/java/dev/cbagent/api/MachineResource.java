package dev.cbagent.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * The fields of a resource (2.10.1) that decide whether a machine is registered.
 *
 * @param online    the {@code agent} attribute {@code is_online}: 1, "1" or "true" (any case) mean online
 * @param createdAt {@code created_at} as the server wrote it (ISO-8601), or null
 * @param updatedAt {@code updated_at}, or null
 * @param detailed  whether the item carried {@code agent_id} or {@code attributes}: list answers may leave both out
 *                  (the guide's own example does), and then only {@code GET /resources/{id}} tells
 */
public record MachineResource(String id, String type, String name, String agentId, String tenantId,
                              String deletedAt, boolean online, String createdAt, String updatedAt, boolean detailed) {
    public static final String MACHINE_TYPE = "resource.machine";

    public MachineResource(String id, String type, String name, String agentId, String tenantId, String deletedAt,
                           boolean online) {
        this(id, type, name, agentId, tenantId, deletedAt, online, null, null, true);
    }

    public static MachineResource from(JsonNode resource) {
        return new MachineResource(text(resource, "id"), text(resource, "type"), text(resource, "name"),
                text(resource, "agent_id"), text(resource, "tenant_id"), text(resource, "deleted_at"),
                isOnline(resource), text(resource, "created_at"), text(resource, "updated_at"),
                resource.has("agent_id") || resource.has("attributes"));
    }

    /** The later of {@code created_at} and {@code updated_at}; null when neither parses. */
    public java.time.Instant lastChange() {
        java.time.Instant created = instant(createdAt);
        java.time.Instant updated = instant(updatedAt);
        if (created == null) {
            return updated;
        }
        return updated == null || created.isAfter(updated) ? created : updated;
    }

    private static java.time.Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text.trim()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.Instant.parse(text.trim());
            } catch (java.time.format.DateTimeParseException again) {
                return null;
            }
        }
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
