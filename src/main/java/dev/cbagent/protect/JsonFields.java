package dev.cbagent.protect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Field access that ignores the case of names: the guide shows both {@code deployment.state} and
 * {@code DEPLOYMENT.STATE} for the same value.
 */
final class JsonFields {
    private JsonFields() {
    }

    /** The child named {@code name} in any case; an exact match wins; missing when there is none. */
    static JsonNode child(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return MissingNode.getInstance();
    }

    /** The text at a path of names; null when absent, JSON null or not a value. */
    static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            current = child(current, name);
        }
        return current.isValueNode() && !current.isNull() ? current.asText() : null;
    }

    /** The texts of an array at a path; empty when absent. */
    static List<String> texts(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            current = child(current, name);
        }
        List<String> out = new ArrayList<>();
        if (current.isArray()) {
            current.forEach(item -> {
                if (item.isValueNode() && !item.isNull()) {
                    out.add(item.asText());
                }
            });
        }
        return out;
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
