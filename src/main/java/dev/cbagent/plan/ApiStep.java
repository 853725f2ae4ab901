package dev.cbagent.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One management-server call a plan will make, for display: {@code <...>} marks a value known only at run time.
 *
 * @param method HTTP method
 * @param path   path with its query, readable (not URL-encoded)
 * @param body   JSON body as maps, lists and strings; null when there is none
 * @param when   the condition under which the call is made, in words
 */
public record ApiStep(String method, String path, Map<String, Object> body, String when) {
    public ApiStep {
        body = body == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }
}
