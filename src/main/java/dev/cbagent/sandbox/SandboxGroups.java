package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Static groups of the sandbox (2.10.2): stored as {@code resource.group.computers} resources under the group
 * "All"; a member machine lists the group's id (lower case) in {@code parent_group_ids}.
 */
final class SandboxGroups {
    static final String GROUP_TYPE = "resource.group.computers";
    /** The guide's example {@code parent_id} of the group "All". */
    static final String ROOT_PARENT = "301D1574-849E-4714-859F-3A2EC12A218B";
    static final String ALL_ID = "62E5834D-FB8E-500D-956E-02C182D463D2";

    private final ObjectMapper json;
    private final Inventory inventory;
    private final String tenantId;
    private final Map<String, Instant> joined = new ConcurrentHashMap<>();

    SandboxGroups(ObjectMapper json, Inventory inventory, String tenantId) {
        this.json = json;
        this.inventory = inventory;
        this.tenantId = tenantId;
    }

    /** The group "All" exists once anything about groups or plans is used (so plain registration tests see none). */
    synchronized void ensureAll(Instant now) {
        if (inventory.resource(ALL_ID, now).isEmpty()) {
            ObjectNode all = json.createObjectNode();
            all.put("id", ALL_ID);
            all.put("type", "resource.group.all");
            all.put("name", "All");
            all.put("user_defined_name", "All");
            all.put("parent_id", ROOT_PARENT);
            all.put("tenant_id", tenantId);
            all.putNull("deleted_at");
            inventory.seed(all, now);
        }
    }

    /** {@code POST /groups}: 201 with the group as the guide shows it; 409 when a group has that name. */
    synchronized ObjectNode create(JsonNode body, Instant now) {
        String name = body.path("name").asText("");
        if (name.isBlank()) {
            throw new SandboxRejection(400, "a group needs a name");
        }
        String type = body.path("type").asText("group.computers");
        if (!type.equals("group.computers")) {
            throw new SandboxRejection(400, "the sandbox creates groups of type group.computers only, not " + type);
        }
        String membership = body.path("membership_type").asText("STATIC").toUpperCase(Locale.ROOT);
        if (!membership.equals("STATIC") && !membership.equals("DYNAMIC")) {
            throw new SandboxRejection(400, "membership_type is STATIC or DYNAMIC");
        }
        ensureAll(now);
        if (byName(name, now).isPresent()) {
            throw new SandboxRejection(409, "a group named '" + name + "' already exists");
        }
        String parent = body.path("parent_id").asText(ROOT_PARENT);
        String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        ObjectNode stored = store(id, name, parent, membership, body.path("condition").asText(null),
                body.path("comment").asText(""), now);
        ObjectNode answer = json.createObjectNode();
        answer.put("comment", stored.path("comment").asText());
        answer.put("created_at", now.toString());
        answer.put("id", id);
        answer.putArray("member_types").add("machine");
        answer.put("membership_type", membership);
        answer.put("name", name);
        answer.put("parent_id", parent);
        answer.put("tenant_id", tenantId);
        answer.put("type", "group.computers");
        answer.put("updated_at", now.toString());
        return answer;
    }

    /** A static group made by the sandbox's owner ({@code --group}, {@code POST /sandbox/v1/groups}). */
    synchronized ObjectNode seed(String name, String id, Instant now) {
        if (name == null || name.isBlank()) {
            throw new SandboxRejection(400, "a group needs a name");
        }
        ensureAll(now);
        if (byName(name, now).isPresent()) {
            throw new SandboxRejection(409, "a group named '" + name + "' already exists");
        }
        return store(id == null ? UUID.randomUUID().toString().toUpperCase(Locale.ROOT) : id, name, ROOT_PARENT,
                "STATIC", null, "", now);
    }

    /** {@code PATCH /groups/{id}/resources} with {@code add} and/or {@code remove} lists of machine ids. */
    synchronized void patch(String groupId, JsonNode body, Instant now) {
        StoredResource group = group(groupId, now)
                .orElseThrow(() -> new SandboxRejection(404, "group " + groupId + " not found"));
        if (!group.json().path("group_condition").asText("").isEmpty()) {
            throw new SandboxRejection(400, "the group '" + group.name() + "' is dynamic; its members follow its condition");
        }
        JsonNode add = body.path("add");
        JsonNode remove = body.path("remove");
        if (!add.isArray() && !remove.isArray()) {
            throw new SandboxRejection(400, "send {\"add\": [resource ids]} and/or {\"remove\": [resource ids]}");
        }
        String member = group.id().toLowerCase(Locale.ROOT);
        for (String id : machines(add, now)) {
            inventory.update(id, machine -> {
                ArrayNode parents = machine.withArray("parent_group_ids");
                for (JsonNode p : parents) {
                    if (p.asText().equalsIgnoreCase(member)) {
                        return;
                    }
                }
                parents.add(member);
            });
            joined.putIfAbsent(key(member, id), now);
        }
        for (String id : machines(remove, now)) {
            inventory.update(id, machine -> {
                ArrayNode parents = machine.withArray("parent_group_ids");
                for (int i = parents.size() - 1; i >= 0; i--) {
                    if (parents.get(i).asText().equalsIgnoreCase(member)) {
                        parents.remove(i);
                    }
                }
            });
            joined.remove(key(member, id));
        }
    }

    Optional<StoredResource> group(String id, Instant now) {
        return inventory.visibleResources(now).stream()
                .filter(r -> r.id().equalsIgnoreCase(id) && r.json().path("type").asText().startsWith("resource.group"))
                .findFirst();
    }

    Optional<StoredResource> byName(String name, Instant now) {
        return inventory.visibleResources(now).stream()
                .filter(r -> GROUP_TYPE.equals(r.json().path("type").asText()) && r.name().equals(name)
                        && r.json().path("deleted_at").isNull())
                .findFirst();
    }

    /** The machines that list the group, with when they joined (null for members the sandbox did not add). */
    List<StoredResource> members(String groupId, Instant now) {
        List<StoredResource> out = new ArrayList<>();
        for (StoredResource r : inventory.visibleResources(now)) {
            for (JsonNode p : r.json().path("parent_group_ids")) {
                if (p.asText().equalsIgnoreCase(groupId) && "resource.machine".equals(r.json().path("type").asText())) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    Instant joinedAt(String groupId, String machineId) {
        return joined.get(key(groupId.toLowerCase(Locale.ROOT), machineId));
    }

    int count(Instant now) {
        return (int) inventory.visibleResources(now).stream()
                .filter(r -> GROUP_TYPE.equals(r.json().path("type").asText())).count();
    }

    private ObjectNode store(String id, String name, String parent, String membership, String condition, String comment,
                             Instant now) {
        ObjectNode group = json.createObjectNode();
        group.put("id", id);
        group.put("created_at", now.toString());
        group.put("updated_at", now.toString());
        group.putNull("deleted_at");
        group.put("tenant_id", tenantId);
        group.put("external_id", id + "@" + tenantId);
        group.put("type", GROUP_TYPE);
        if (condition != null && !condition.isEmpty()) {
            group.put("group_condition", condition);
        }
        group.putArray("parent_group_ids").add(parent.toLowerCase(Locale.ROOT));
        group.putArray("allowed_member_types").add("resource.machine");
        group.put("name", name);
        group.put("user_defined_name", name);
        group.put("membership_type", membership);
        group.put("comment", comment);
        ObjectNode attribute = group.putArray("attributes").addObject();
        attribute.put("name", "group");
        attribute.putArray("kvs").addObject().put("key", "parent_id").putArray("value").add(parent);
        return inventory.seed(group, now);
    }

    private List<String> machines(JsonNode ids, Instant now) {
        List<String> out = new ArrayList<>();
        if (!ids.isArray()) {
            return out;
        }
        for (JsonNode id : ids) {
            StoredResource machine = inventory.resource(id.asText(), now)
                    .filter(r -> "resource.machine".equals(r.json().path("type").asText()))
                    .orElseThrow(() -> new SandboxRejection(404, "machine " + id.asText() + " not found"));
            out.add(machine.id());
        }
        return out;
    }

    private static String key(String groupId, String machineId) {
        return groupId + "|" + machineId;
    }
}
