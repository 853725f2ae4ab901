package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Resources, tasks and activities of the sandbox; thread-safe (writes are serialised, reads see snapshots). */
final class Inventory {
    static final String ADD_AGENT_TASK_TYPE = "A59E8BF2-39C3-42C4-B667-CB672381A214";

    private final ObjectMapper json;
    private final List<StoredResource> resources = new CopyOnWriteArrayList<>();
    private final Map<String, StoredResource> byId = new ConcurrentHashMap<>();
    private final List<ObjectNode> tasks = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> activities = new CopyOnWriteArrayList<>();
    private final AtomicLong nextTaskId = new AtomicLong(1628761130376499200L);
    private final AtomicLong registrations = new AtomicLong();

    Inventory(ObjectMapper json) {
        this.json = json;
    }

    /** Adds a machine for a new agent, or reuses the machine of an earlier registration with the same name. */
    synchronized RegisteredAgent register(AgentRegistration request, String tenantId, Instant now,
                                          long appearAfterMs, long onlineAfterMs) {
        registrations.incrementAndGet();
        Instant onlineAt = now.plusMillis(onlineAfterMs);
        for (StoredResource existing : resources) {
            if (existing.registeredAgent() && existing.name().equalsIgnoreCase(request.name())) {
                ObjectNode updated = existing.json().deepCopy();
                updated.putNull("deleted_at");
                updated.put("updated_at", now.toString());
                existing.replace(updated, onlineAt);
                addTask(request.name(), tenantId, now);
                return new RegisteredAgent(existing.id(), updated.path("agent_id").asText(), false);
            }
        }
        String id = UUID.randomUUID().toString();
        String agentId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        ObjectNode machine = MachineJson.machine(json, id, agentId, request, tenantId, now);
        StoredResource stored = new StoredResource(machine, now.plusMillis(appearAfterMs), onlineAt, true);
        resources.add(stored);
        byId.put(id, stored);
        addTask(request.name(), tenantId, now);
        return new RegisteredAgent(id, agentId, true);
    }

    /** Soft-deletes the registered machine(s) with this name; the ids deleted. */
    synchronized List<String> unregister(String name, Instant now) {
        List<String> deleted = new ArrayList<>();
        for (StoredResource existing : resources) {
            if (existing.registeredAgent() && existing.name().equalsIgnoreCase(name)
                    && existing.json().path("deleted_at").isNull()) {
                ObjectNode updated = existing.json().deepCopy();
                updated.put("deleted_at", now.toString());
                updated.put("updated_at", now.toString());
                existing.replace(updated, now);
                deleted.add(existing.id());
            }
        }
        return deleted;
    }

    /** Stores a raw resource as given (an id is added when missing); shown exactly as stored. */
    synchronized ObjectNode seed(ObjectNode raw, Instant now) {
        ObjectNode copy = raw.deepCopy();
        if (!copy.hasNonNull("id")) {
            copy.put("id", UUID.randomUUID().toString());
        }
        if (byId.containsKey(copy.get("id").asText())) {
            throw new SandboxRejection(409, "a resource with id " + copy.get("id").asText() + " already exists");
        }
        StoredResource stored = new StoredResource(copy, now, now, false);
        resources.add(stored);
        byId.put(stored.id(), stored);
        return copy;
    }

    /** Replaces a resource's JSON by {@code change} applied to a copy of it; false when there is no such resource. */
    synchronized boolean update(String id, java.util.function.Consumer<ObjectNode> change) {
        StoredResource r = byId.get(id);
        if (r == null) {
            return false;
        }
        ObjectNode copy = r.json().deepCopy();
        change.accept(copy);
        r.update(copy);
        return true;
    }

    List<StoredResource> visibleResources(Instant now) {
        List<StoredResource> visible = new ArrayList<>(resources.size());
        for (StoredResource r : resources) {
            if (r.visible(now)) {
                visible.add(r);
            }
        }
        return visible;
    }

    /** A visible resource by id; ids are UUIDs, so their case does not matter. */
    Optional<StoredResource> resource(String id, Instant now) {
        StoredResource r = byId.get(id);
        if (r == null) {
            r = resources.stream().filter(candidate -> candidate.id().equalsIgnoreCase(id)).findFirst().orElse(null);
        }
        return r != null && r.visible(now) ? Optional.of(r) : Optional.empty();
    }

    List<ObjectNode> tasks() {
        return List.copyOf(tasks);
    }

    List<ObjectNode> activities() {
        return List.copyOf(activities);
    }

    Optional<ObjectNode> task(String id) {
        return tasks.stream().filter(t -> t.path("id").asText().equals(id)).findFirst();
    }

    Optional<ObjectNode> activity(String id) {
        return activities.stream().filter(a -> a.path("id").asText().equals(id)).findFirst();
    }

    ObjectNode stats(ObjectNode node) {
        List<StoredResource> all = List.copyOf(resources);
        node.put("resources", all.size());
        node.put("machines", all.stream().filter(r -> "resource.machine".equals(r.json().path("type").asText())).count());
        node.put("registeredAgents", all.stream().filter(StoredResource::registeredAgent).count());
        node.put("registrations", registrations.get());
        node.put("tasks", tasks.size());
        return node;
    }

    private void addTask(String machineName, String tenantId, Instant now) {
        String id = Long.toString(nextTaskId.getAndIncrement());
        ObjectNode task = json.createObjectNode();
        task.put("cancel_requested", false);
        task.put("cancellable", true);
        task.put("completed_at", now.toString());
        ObjectNode context = task.putObject("context");
        context.put("is_legacy", true);
        context.put("is_process_root", true);
        ObjectNode persistent = context.putObject("persistent");
        persistent.put("id", UUID.randomUUID().toString());
        persistent.put("name", machineName);
        persistent.put("owner_id", tenantId);
        context.put("specific", "Business");
        context.put("title", "Adding agent '" + machineName + "' to the management server");
        context.put("user_name", machineName + "\\CMS User");
        task.put("enqueued_at", now.toString());
        task.put("id", id);
        ObjectNode issuer = task.putObject("issuer");
        issuer.put("cluster_id", "");
        issuer.put("id", "");
        task.put("priority", "NORMAL");
        task.put("queue", "legacySync");
        ObjectNode result = task.putObject("result");
        result.put("code", "OK");
        result.put("payload", "MachineManagement::AddAgentResponse");
        task.put("started_at", now.toString());
        task.put("started_by_user", machineName + "\\CMS User");
        task.put("state", "COMPLETED");
        ObjectNode tenant = task.putObject("tenant");
        tenant.put("id", tenantId);
        tenant.put("locator", "/" + tenantId + "/");
        tenant.put("name", "Organization");
        task.put("type", ADD_AGENT_TASK_TYPE);
        task.put("updated_at", now.toString());
        task.put("uuid", UUID.randomUUID().toString());
        tasks.add(task);

        ObjectNode activity = task.deepCopy();
        activity.remove(List.of("cancel_requested", "cancellable", "enqueued_at", "issuer", "priority", "queue"));
        activity.put("created_at", now.toString());
        ObjectNode executor = activity.putObject("executor");
        executor.put("cluster_id", "");
        executor.put("id", "");
        activity.put("task_id", id);
        activity.put("uuid", UUID.randomUUID().toString());
        activities.add(activity);
    }
}
