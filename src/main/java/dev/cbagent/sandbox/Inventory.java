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
    /** How long ago a stale seed was created and last heard of, and a twin created and last updated. */
    static final java.time.Duration STALE_AGE = java.time.Duration.ofDays(3);
    static final java.time.Duration TWIN_AGE = java.time.Duration.ofDays(1);
    static final java.time.Duration TWIN_UPDATED = java.time.Duration.ofHours(1);

    private final ObjectMapper json;
    private final List<StoredResource> resources = new CopyOnWriteArrayList<>();
    private final Map<String, StoredResource> byId = new ConcurrentHashMap<>();
    private final List<ObjectNode> tasks = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> activities = new CopyOnWriteArrayList<>();
    private final AtomicLong nextTaskId = new AtomicLong(1628761130376499200L);
    private final AtomicLong registrations = new AtomicLong();
    private final AtomicLong takeovers = new AtomicLong();

    Inventory(ObjectMapper json) {
        this.json = json;
    }

    /** What a seeded machine stands for. */
    enum SeedKind {
        /** An offline machine registered days ago: a re-imaged machine's leftover, or a reused host name. */
        STALE,
        /** A live, online machine with its own ids: another machine that happens to have the same name. */
        TWIN
    }

    /**
     * Records a registration. When the request's {@code instanceId} names a live (not soft-deleted) registered
     * machine, that machine is taken over: same resource and agent id, the new name, {@code updated_at} now, online
     * after {@code onlineAfterMs} (what an agent cloned from a registered image does to the original). Otherwise a
     * new machine with new ids, whatever other machines carry the same name.
     */
    synchronized RegisteredAgent register(AgentRegistration request, String tenantId, Instant now,
                                          long appearAfterMs, long onlineAfterMs, String fqdnDomain) {
        registrations.incrementAndGet();
        String name = storedName(request.name(), fqdnDomain);
        Instant onlineAt = now.plusMillis(onlineAfterMs);
        Optional<StoredResource> original = liveRegistered(request.instanceId());
        if (original.isPresent()) {
            StoredResource existing = original.get();
            ObjectNode updated = existing.json().deepCopy();
            MachineJson.rename(updated, name);
            updated.put("updated_at", now.toString());
            existing.replace(updated, onlineAt);
            takeovers.incrementAndGet();
            addTask(name, updated.path("tenant_id").asText(tenantId), now);
            return new RegisteredAgent(existing.id(), updated.path("agent_id").asText(), false, true);
        }
        MachineIds ids = newIds();
        ObjectNode machine = MachineJson.machine(json, ids.resourceId(), ids.agentId(), request, name, tenantId, now);
        add(new StoredResource(machine, now.plusMillis(appearAfterMs), onlineAt, true));
        addTask(name, tenantId, now);
        return new RegisteredAgent(ids.resourceId(), ids.agentId(), true, false);
    }

    /** Adds a registered machine of this kind, with its own ids, visible at once; no registration is counted. */
    synchronized MachineIds seedAgent(String name, SeedKind kind, String tenantId, Instant now, String fqdnDomain) {
        if (name == null || name.isBlank()) {
            throw new SandboxRejection(400, "a seeded machine needs a name");
        }
        MachineIds ids = newIds();
        boolean stale = kind == SeedKind.STALE;
        Instant created = now.minus(stale ? STALE_AGE : TWIN_AGE);
        Instant updated = stale ? created : now.minus(TWIN_UPDATED);
        ObjectNode machine = MachineJson.machine(json, ids.resourceId(), ids.agentId(), AgentRegistration.anonymous(name),
                storedName(name, fqdnDomain), tenantId, created);
        machine.put("updated_at", updated.toString());
        add(new StoredResource(machine, Instant.MIN, stale ? Instant.MAX : Instant.MIN, true));
        return ids;
    }

    /**
     * Soft-deletes the newest live registered machine with this name (or, with an FQDN domain in use, this short
     * name); its id, or empty when there is none.
     */
    synchronized Optional<String> unregister(String name, Instant now) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = resources.size() - 1; i >= 0; i--) {
            StoredResource existing = resources.get(i);
            String stored = existing.name().toLowerCase(Locale.ROOT);
            if (existing.registeredAgent() && (stored.equals(lower) || stored.startsWith(lower + "."))
                    && existing.json().path("deleted_at").isNull()) {
                softDelete(existing, now);
                return Optional.of(existing.id());
            }
        }
        return Optional.empty();
    }

    /** Soft-deletes the live registered machine with this id (any case); its id, or empty when there is none. */
    synchronized Optional<String> unregisterById(String id, Instant now) {
        Optional<StoredResource> live = liveRegistered(id);
        live.ifPresent(r -> softDelete(r, now));
        return live.map(StoredResource::id);
    }

    private void softDelete(StoredResource existing, Instant now) {
        ObjectNode updated = existing.json().deepCopy();
        updated.put("deleted_at", now.toString());
        updated.put("updated_at", now.toString());
        existing.replace(updated, now);
    }

    /** A registered machine with this id (any case) that is not soft-deleted. */
    private Optional<StoredResource> liveRegistered(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String wanted = stripBraces(id.strip());
        return resources.stream()
                .filter(r -> r.registeredAgent() && r.id().equalsIgnoreCase(wanted)
                        && "resource.machine".equals(r.json().path("type").asText())
                        && r.json().path("deleted_at").isNull())
                .findFirst();
    }

    private static String stripBraces(String id) {
        return id.startsWith("{") && id.endsWith("}") ? id.substring(1, id.length() - 1) : id;
    }

    /** The name a registered machine is stored under: with an FQDN domain, a short name gets it appended. */
    static String storedName(String name, String fqdnDomain) {
        if (fqdnDomain == null || fqdnDomain.isEmpty() || name.contains(".")) {
            return name;
        }
        return name + "." + fqdnDomain;
    }

    private MachineIds newIds() {
        return new MachineIds(UUID.randomUUID().toString(), UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
    }

    private void add(StoredResource stored) {
        resources.add(stored);
        byId.put(stored.id(), stored);
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

    /**
     * A visible resource by id; ids are UUIDs, so their case does not matter (nor braces around them). A
     * soft-deleted resource is still found: it shows {@code deleted_at}.
     */
    Optional<StoredResource> resource(String rawId, Instant now) {
        String id = stripBraces(rawId);
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
        node.put("takeovers", takeovers.get());
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
