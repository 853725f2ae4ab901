package dev.cbagent.profile.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The profile's JSON Schema (draft 2020-12), built from the same {@link KeySpec} tree the loader uses. */
public final class JsonSchemaWriter {

    private JsonSchemaWriter() {
    }

    public static Map<String, Object> schema(KeySpec root) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://cbagent.dev/schema/profile-v1.json");
        schema.put("title", "cbagent agent profile");
        schema.putAll(node(root));
        return schema;
    }

    private static Map<String, Object> node(KeySpec spec) {
        Map<String, Object> node = new LinkedHashMap<>();
        if (!spec.description().isEmpty()) {
            node.put("description", spec.description());
        }
        switch (spec.type()) {
            case OBJECT -> {
                node.put("type", "object");
                Map<String, Object> properties = new LinkedHashMap<>();
                spec.children().forEach((name, child) -> properties.put(name, node(child)));
                node.put("properties", properties);
                node.put("additionalProperties", false);
            }
            case STRING -> node.put("type", "string");
            case SECRET -> {
                node.put("type", "string");
                node.put("examples", List.of("${env:NAME}", "${file:/run/secrets/name}"));
                node.put("x-secret", true);
            }
            case TEXT_WITH_SECRETS -> {
                node.put("type", "string");
                node.put("examples", List.of("-u admin -p ${env:NAME}"));
            }
            case BOOLEAN -> node.put("type", "boolean");
            case INTEGER -> {
                node.put("type", "integer");
                if (spec.min() != null) {
                    node.put("minimum", spec.min());
                }
                if (spec.max() != null) {
                    node.put("maximum", spec.max());
                }
            }
            case ENUM -> node.put("enum", spec.allowed());
            case STRING_LIST -> {
                node.put("type", "array");
                node.put("items", Map.of("type", "string"));
            }
            case DURATION -> {
                node.put("type", "string");
                node.put("pattern", "^(\\d+(ms|s|m|h|d))+$");
            }
            default -> throw new IllegalStateException("unhandled type " + spec.type());
        }
        return node;
    }

    /** For documentation: every leaf key path with its spec. */
    public static Map<String, KeySpec> leaves(KeySpec root) {
        Map<String, KeySpec> out = new LinkedHashMap<>();
        collect("", root, out);
        return out;
    }

    private static void collect(String prefix, KeySpec spec, Map<String, KeySpec> out) {
        for (KeySpec child : spec.children().values()) {
            String path = prefix.isEmpty() ? child.name() : prefix + "." + child.name();
            if (child.type() == ValueType.OBJECT) {
                collect(path, child, out);
            } else {
                out.put(path, child);
            }
        }
    }

}
