package dev.cbagent.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The answer to a write call (POST, PATCH, DELETE).
 *
 * @param status the HTTP status
 * @param body   the JSON body; {@link MissingNode} when the answer has none (204) or it is not JSON
 */
public record ApiAnswer(int status, JsonNode body) {
    public ApiAnswer {
        body = body == null ? MissingNode.getInstance() : body;
    }

    public boolean isSuccess() {
        return status / 100 == 2;
    }
}
