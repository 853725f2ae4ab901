package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One resource as the sandbox keeps it. The JSON is replaced, never changed in place, so readers on other threads
 * always see a whole version. Machines registered through the sandbox compute {@code is_online} when shown.
 */
final class StoredResource {
    private volatile ObjectNode json;
    private volatile Instant visibleAt;
    private volatile Instant onlineAt;
    private final boolean registeredAgent;

    StoredResource(ObjectNode json, Instant visibleAt, Instant onlineAt, boolean registeredAgent) {
        this.json = json;
        this.visibleAt = visibleAt;
        this.onlineAt = onlineAt;
        this.registeredAgent = registeredAgent;
    }

    String id() {
        return json.path("id").asText();
    }

    String name() {
        return json.path("name").asText("");
    }

    boolean registeredAgent() {
        return registeredAgent;
    }

    ObjectNode json() {
        return json;
    }

    void replace(ObjectNode newJson, Instant newOnlineAt) {
        this.json = newJson;
        this.onlineAt = newOnlineAt;
    }

    /** Replaces the JSON, keeping when the machine comes online. */
    void update(ObjectNode newJson) {
        this.json = newJson;
    }

    boolean visible(Instant now) {
        return !now.isBefore(visibleAt);
    }

    /** The resource as the API shows it at {@code now}. */
    ObjectNode render(Instant now, boolean neverOnline) {
        ObjectNode current = json;
        if (!registeredAgent) {
            return current;
        }
        ObjectNode copy = current.deepCopy();
        int online = !neverOnline && !now.isBefore(onlineAt) && current.path("deleted_at").isNull() ? 1 : 0;
        for (var namespace : (ArrayNode) copy.get("attributes")) {
            if ("agent".equals(namespace.path("name").asText())) {
                for (var kv : namespace.get("kvs")) {
                    if ("is_online".equals(kv.path("key").asText())) {
                        ((ObjectNode) kv).put("value", online);
                    }
                }
            }
        }
        return copy;
    }
}
