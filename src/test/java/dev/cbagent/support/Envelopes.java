package dev.cbagent.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The JSON envelope every command's document starts with (README "JSON output"). */
public final class Envelopes {
    public static final List<String> FIELDS = List.of("command", "status", "changed", "exitCode", "error");

    private Envelopes() {
    }

    /** {@code doc} without the envelope: what a fleet command writes to its {@code --report} file. */
    public static ObjectNode withoutEnvelope(JsonNode doc) {
        ObjectNode copy = (ObjectNode) doc.deepCopy();
        copy.remove(FIELDS);
        return copy;
    }
}
