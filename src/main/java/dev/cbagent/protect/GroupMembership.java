package dev.cbagent.protect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.api.ApiAnswer;
import dev.cbagent.api.ApiClient;
import dev.cbagent.api.Query;
import dev.cbagent.api.UrlText;
import dev.cbagent.plan.ProtectionPlan;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which machines are in a static group (their resources list the group in {@code parent_group_ids}), and adding
 * them ({@code PATCH /groups/{id}/resources {"add": [...]}}, 2.10.2.7) in one call.
 */
final class GroupMembership {
    private final ApiClient api;

    GroupMembership(ApiClient api) {
        this.api = api;
    }

    /** The ids among {@code resourceIds} that are members of {@code group} (ids compare in any case). */
    Set<String> members(GroupRef group, Collection<String> resourceIds) {
        String groupId = lower(group.id());
        Set<String> members = new HashSet<>();
        boolean listed = true;
        for (Query query : Batches.byIds(Query.empty(), "id", resourceIds)) {
            for (JsonNode resource : api.getAll(ApiClient.RESOURCES, query)) {
                String id = JsonFields.text(resource, "id");
                if (id == null || !resourceIds.contains(id)) {
                    continue;
                }
                if (JsonFields.child(resource, "parent_group_ids").isMissingNode()) {
                    listed = false;
                }
                if (JsonFields.texts(resource, "parent_group_ids").stream().map(GroupMembership::lower)
                        .anyMatch(groupId::equals)) {
                    members.add(id);
                }
            }
        }
        if (!listed) {
            members.addAll(listedByGroup(group, resourceIds));
        }
        return members;
    }

    /** Adds the machines to the group with one request. */
    void add(GroupRef group, Collection<String> resourceIds) {
        api.patch(ProtectionPlan.GROUPS + "/" + UrlText.encode(group.id()) + "/resources",
                Map.of("add", List.copyOf(resourceIds)));
    }

    /**
     * For a server whose resources do not carry {@code parent_group_ids}: asks the group for its members
     * ({@code GET /groups/{id}/resources}); a server without that endpoint answers none.
     */
    private Set<String> listedByGroup(GroupRef group, Collection<String> resourceIds) {
        Set<String> wanted = new HashSet<>();
        resourceIds.forEach(id -> wanted.add(lower(id)));
        Set<String> found = new HashSet<>();
        ApiAnswer answer = api.send("GET", ProtectionPlan.GROUPS + "/" + UrlText.encode(group.id()) + "/resources",
                Query.empty(), null);
        if (answer.isSuccess() && JsonFields.child(answer.body(), "items").isArray()) {
            for (JsonNode item : JsonFields.child(answer.body(), "items")) {
                String id = item.isTextual() ? item.asText() : JsonFields.text(item, "id");
                if (id != null && wanted.contains(lower(id))) {
                    resourceIds.stream().filter(r -> lower(r).equals(lower(id))).forEach(found::add);
                }
            }
        }
        return found;
    }

    private static String lower(String id) {
        return id == null ? "" : id.toLowerCase(Locale.ROOT);
    }
}
