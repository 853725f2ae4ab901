package dev.cbagent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One JSON writer for all command output. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The one shape of a failure in every JSON result: {@code "error": {"exitCode": N, "message": "..."}} or null. */
    static void putError(ObjectNode node, dev.cbagent.error.ExitCode code, String message) {
        if (message == null) {
            node.putNull("error");
            return;
        }
        ObjectNode error = node.putObject("error");
        error.put("exitCode", code.code());
        error.put("message", message);
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
