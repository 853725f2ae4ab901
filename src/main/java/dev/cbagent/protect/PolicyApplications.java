package dev.cbagent.protect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.api.ApiAnswer;
import dev.cbagent.api.ApiClient;
import dev.cbagent.api.Query;
import dev.cbagent.plan.ProtectionPlan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /policy_applications} (2.10.4): reading applications (the list is nested, {@code items: [[...]]}),
 * applying a plan to machines, and starting a run ({@code :run}, 2.9.1).
 */
final class PolicyApplications {
    private final ApiClient api;

    PolicyApplications(ApiClient api) {
        this.api = api;
    }

    /** The plan's applications on these machines, by resource id as given; machines without one are absent. */
    Map<String, Application> list(String policyId, Collection<String> resourceIds) {
        Map<String, String> wanted = new HashMap<>();
        resourceIds.forEach(id -> wanted.put(id.toLowerCase(Locale.ROOT), id));
        Map<String, Application> found = new LinkedHashMap<>();
        for (Query query : Batches.byIds(Query.empty().eq("policy_id", policyId), "context_id", resourceIds)) {
            for (JsonNode item : flatten(api.getAll(ProtectionPlan.APPLICATIONS, query))) {
                String policy = JsonFields.text(item, "policy", "id");
                if (policy == null) {
                    policy = JsonFields.text(item, "policy_id");
                }
                if (policy != null && !policy.equalsIgnoreCase(policyId)
                        || !JsonFields.isBlank(JsonFields.text(item, "deleted_at"))) {
                    continue;
                }
                Application application = Application.from(item);
                String id = application.contextId() == null ? null
                        : wanted.get(application.contextId().toLowerCase(Locale.ROOT));
                if (id != null && (!found.containsKey(id) || application.isDeployed() && !found.get(id).isDeployed())) {
                    found.put(id, application);
                }
            }
        }
        return found;
    }

    /**
     * Applies the plan to the machines with one request; 204 is done, 200 is done with the warnings it returns.
     *
     * @return the warnings, as sentences
     */
    List<String> apply(String policyId, Collection<String> resourceIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy_id", policyId);
        body.put("context", Map.of("items", List.copyOf(resourceIds)));
        ApiAnswer answer = api.post(ProtectionPlan.APPLICATIONS, body);
        return issues(answer.body());
    }

    /** Starts the plan on the machines with one request (202 Accepted). */
    void run(String policyId, Collection<String> resourceIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", "RUNNING");
        body.put("policy_id", policyId);
        body.put("context_ids", List.copyOf(resourceIds));
        api.post(ProtectionPlan.RUN, body);
    }

    /** {@code items} is a list of lists in the guide; a flat list is read too. */
    static List<JsonNode> flatten(List<JsonNode> items) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.isArray()) {
                item.forEach(out::add);
            } else if (item.isObject()) {
                out.add(item);
            }
        }
        return out;
    }

    /** The {@code issues} of a 200 answer as sentences: a string as it is, an object by its message. */
    static List<String> issues(JsonNode body) {
        List<String> out = new ArrayList<>();
        JsonNode issues = JsonFields.child(body, "issues");
        if (!issues.isArray()) {
            return out;
        }
        for (JsonNode issue : issues) {
            String text = issue.isValueNode() ? issue.asText() : null;
            for (String field : List.of("message", "description", "title", "text", "code")) {
                if (text == null) {
                    text = JsonFields.text(issue, field);
                }
            }
            out.add(text == null ? issue.toString() : text);
        }
        return out;
    }
}
