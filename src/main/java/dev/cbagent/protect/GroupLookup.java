package dev.cbagent.protect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.api.ApiAnswer;
import dev.cbagent.api.ApiClient;
import dev.cbagent.api.Query;
import dev.cbagent.api.UrlText;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.profile.Suggestions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a static group by id or name among the resources (groups are resources, 2.10.1) and creates one with
 * {@code POST /groups} (2.10.2.4).
 */
final class GroupLookup {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ApiClient api;

    GroupLookup(ApiClient api) {
        this.api = api;
    }

    /**
     * The group named (or with the id) {@code nameOrId}; empty when there is none.
     *
     * @throws CbagentException exit 2 when several groups have that name, or it is not a static group
     */
    Optional<GroupRef> find(String nameOrId) {
        if (UUID.matcher(nameOrId).matches()) {
            Optional<JsonNode> byId = api.find(ApiClient.RESOURCES + "/" + UrlText.encode(nameOrId))
                    .filter(r -> !isDeleted(r));
            if (byId.isPresent()) {
                return Optional.of(checked(byId.get(), nameOrId));
            }
        }
        List<JsonNode> named = groups(Query.empty().eq("type", ProtectionPlan.GROUP_TYPE).eq("name", nameOrId)).stream()
                .filter(g -> nameOrId.equals(JsonFields.text(g, "name"))).toList();
        if (named.size() > 1) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "protection.group: " + named.size()
                    + " groups are named '" + nameOrId + "' at " + api.baseUrl() + " (ids " + String.join(", ",
                    named.stream().map(g -> JsonFields.text(g, "id")).toList()) + "); give the id instead");
        }
        return named.stream().findFirst().map(g -> checked(g, nameOrId));
    }

    /** The sentence for a group that does not exist, with a suggestion when a name is close. */
    String unknown(String nameOrId) {
        List<String> names = groups(Query.empty().eq("type", ProtectionPlan.GROUP_TYPE)).stream()
                .map(g -> JsonFields.text(g, "name")).filter(n -> !JsonFields.isBlank(n)).toList();
        return "protection.group: there is no static group '" + nameOrId + "' at " + api.baseUrl()
                + Suggestions.didYouMean(nameOrId, names)
                + "; create it, or set protection.createGroup: true";
    }

    /** Creates the static group (under the group "All", as the guide does); an existing one is found instead. */
    GroupRef create(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("membership_type", "STATIC");
        body.put("type", "group.computers");
        parentOfAll().ifPresent(parent -> body.put("parent_id", parent));
        body.put("comment", "Created by cbagent");
        ApiAnswer answer = api.send("POST", ProtectionPlan.GROUPS, Query.empty(), body);
        if (answer.status() == 409) {
            return find(name).orElseThrow(() -> api.refusal(answer, "POST", ProtectionPlan.GROUPS));
        }
        if (!answer.isSuccess()) {
            throw api.refusal(answer, "POST", ProtectionPlan.GROUPS);
        }
        String id = JsonFields.text(answer.body(), "id");
        if (JsonFields.isBlank(id)) {
            return find(name).orElseThrow(() -> new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management "
                    + "server at " + api.baseUrl() + " accepted the group '" + name + "' but does not show it"));
        }
        return new GroupRef(id, name);
    }

    /** The guide takes {@code parent_id} of the resource named "All" as the new group's parent. */
    private Optional<String> parentOfAll() {
        return api.getAll(ApiClient.RESOURCES, Query.empty().eq("name", "All")).stream()
                .filter(r -> "All".equals(JsonFields.text(r, "name")) && !isDeleted(r))
                .filter(r -> String.valueOf(JsonFields.text(r, "type")).startsWith("resource.group"))
                .map(r -> JsonFields.isBlank(JsonFields.text(r, "parent_id")) ? JsonFields.text(r, "id")
                        : JsonFields.text(r, "parent_id"))
                .filter(id -> !JsonFields.isBlank(id))
                .findFirst();
    }

    private List<JsonNode> groups(Query query) {
        return api.getAll(ApiClient.RESOURCES, query).stream()
                .filter(r -> String.valueOf(JsonFields.text(r, "type")).startsWith("resource.group") && !isDeleted(r))
                .toList();
    }

    private GroupRef checked(JsonNode group, String asked) {
        String type = String.valueOf(JsonFields.text(group, "type"));
        String name = JsonFields.text(group, "name");
        if (!type.startsWith("resource.group")) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "protection.group: '" + asked + "' is a " + type
                    + " (" + name + "), not a group");
        }
        String membership = String.valueOf(JsonFields.text(group, "membership_type")).toUpperCase(Locale.ROOT);
        if (!JsonFields.isBlank(JsonFields.text(group, "group_condition")) || membership.equals("DYNAMIC")) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "protection.group: the group '" + name + "' is dynamic "
                    + "(machines join it by its condition); name a static group");
        }
        return new GroupRef(JsonFields.text(group, "id"), name);
    }

    private static boolean isDeleted(JsonNode resource) {
        return !JsonFields.isBlank(JsonFields.text(resource, "deleted_at"));
    }
}
