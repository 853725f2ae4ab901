package dev.cbagent.protect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.api.ApiClient;
import dev.cbagent.api.Query;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.profile.Suggestions;

import java.util.List;
import java.util.Optional;

/**
 * Finds a protection plan in {@code GET /policies} (2.10.3.8: {@code {"items": [{"policy": {...}}, ...]}}) by id,
 * else by name (exact, then in any case when that is unambiguous).
 */
final class PolicyLookup {
    private final ApiClient api;

    PolicyLookup(ApiClient api) {
        this.api = api;
    }

    /** The plan; empty when there is none. Exit 2 when several plans have that name. */
    Optional<PolicyRef> find(String nameOrId) {
        List<JsonNode> policies = all();
        Optional<JsonNode> byId = policies.stream().filter(p -> nameOrId.equalsIgnoreCase(JsonFields.text(p, "id")))
                .findFirst();
        if (byId.isPresent()) {
            return byId.map(PolicyLookup::ref);
        }
        List<JsonNode> named = policies.stream().filter(p -> nameOrId.equals(JsonFields.text(p, "name"))).toList();
        if (named.isEmpty()) {
            named = policies.stream().filter(p -> nameOrId.equalsIgnoreCase(JsonFields.text(p, "name"))).toList();
        }
        if (named.size() > 1) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "protection.plan: " + named.size() + " plans are named '"
                    + nameOrId + "' at " + api.baseUrl() + " (ids " + String.join(", ",
                    named.stream().map(p -> JsonFields.text(p, "id")).toList()) + "); give the id instead");
        }
        return named.stream().findFirst().map(PolicyLookup::ref);
    }

    /** The sentence for a plan that does not exist, with a suggestion when a name is close. */
    String unknown(String nameOrId) {
        List<String> names = all().stream().map(p -> JsonFields.text(p, "name")).filter(n -> !JsonFields.isBlank(n))
                .toList();
        return "protection.plan: there is no protection plan '" + nameOrId + "' at " + api.baseUrl()
                + Suggestions.didYouMean(nameOrId, names);
    }

    private List<JsonNode> all() {
        return api.getAll(ProtectionPlan.POLICIES, Query.empty()).stream()
                .map(item -> JsonFields.child(item, "policy").isObject() ? JsonFields.child(item, "policy") : item)
                .filter(p -> JsonFields.isBlank(JsonFields.text(p, "deleted_at")))
                .filter(p -> !JsonFields.isBlank(JsonFields.text(p, "id")))
                .toList();
    }

    private static PolicyRef ref(JsonNode policy) {
        JsonNode enabled = JsonFields.child(policy, "enabled");
        return new PolicyRef(JsonFields.text(policy, "id"), JsonFields.text(policy, "name"),
                enabled.isMissingNode() || enabled.isNull() || enabled.asBoolean(true));
    }
}
