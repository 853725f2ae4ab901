package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Protection plans and their applications (2.10.3, 2.10.4): a plan applied to a machine, or to a group and so to
 * its members, is DEPLOYING until {@code deployAfterMs} has passed, then DEPLOYED; {@code :run} makes it RUNNING
 * for {@code runTakesMs}, then IDLE with {@code last_runtime}, {@code last_success_time} and a status.
 */
final class SandboxPolicies {
    /** One application as stored: a plan on a machine or a group. */
    private record Applied(String id, String policyId, String contextId, boolean group, Instant createdAt,
                           long deployDelayMs) {
    }

    /** The last run of a plan on a machine. */
    private record Run(Instant startedAt, Instant endsAt, boolean fails, Instant previousSuccess) {
    }

    /** An application as the API lists it, with the fields its filters look at. */
    record Shown(ObjectNode view, ObjectNode item) {
    }

    private final ObjectMapper json;
    private final Inventory inventory;
    private final SandboxGroups groups;
    private final String tenantId;
    private final List<ObjectNode> policies = new CopyOnWriteArrayList<>();
    private final List<Applied> applied = new CopyOnWriteArrayList<>();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    SandboxPolicies(ObjectMapper json, Inventory inventory, SandboxGroups groups, String tenantId) {
        this.json = json;
        this.inventory = inventory;
        this.groups = groups;
        this.tenantId = tenantId;
    }

    /** Adds a plan ({@code name} required; {@code id}, {@code type}, {@code enabled} optional). */
    synchronized ObjectNode add(JsonNode spec, Instant now) {
        String name = spec.path("name").asText("");
        if (name.isBlank()) {
            throw new SandboxRejection(400, "a plan needs a name");
        }
        String id = spec.path("id").asText(UUID.randomUUID().toString());
        if (policy(id).isPresent()) {
            throw new SandboxRejection(409, "a plan with id " + id + " already exists");
        }
        groups.ensureAll(now);
        ObjectNode policy = json.createObjectNode();
        policy.put("created_at", now.toString());
        policy.putNull("days_without_backup_alert");
        policy.putNull("deleted_at");
        policy.put("enabled", spec.path("enabled").asBoolean(true));
        policy.put("id", id);
        policy.put("is_features", "BPCompression|BPRetentionRules|BPValidation");
        policy.put("name", name);
        policy.put("plan_hash", "00000000-0000-0000-0000-000000000000");
        ObjectNode settings = policy.putObject("settings");
        settings.putObject("scheduling").put("enabled", true).put("scheme", "WEEKLY_FULL_DAILY_INCREMENTAL");
        policy.put("tenant_id", tenantId);
        policy.put("type", spec.path("type").asText("policy.backup.machine"));
        policy.put("updated_at", now.toString());
        policies.add(policy);
        return policy;
    }

    List<ObjectNode> policies() {
        return List.copyOf(policies);
    }

    Optional<ObjectNode> policy(String id) {
        return policies.stream().filter(p -> p.path("id").asText().equalsIgnoreCase(id)).findFirst();
    }

    /** Applies the plan to machines or groups; one already applied is left alone. */
    synchronized void apply(String policyId, List<String> contextIds, Instant now, long deployDelayMs) {
        ObjectNode policy = policy(policyId).orElseThrow(() -> new SandboxRejection(404, "plan " + policyId + " not found"));
        List<Applied> fresh = new ArrayList<>();
        for (String contextId : contextIds) {
            StoredResource context = inventory.resource(contextId, now)
                    .or(() -> groups.group(contextId, now))
                    .orElseThrow(() -> new SandboxRejection(404, "resource " + contextId + " not found"));
            String type = context.json().path("type").asText();
            if (!type.equals("resource.machine") && !type.startsWith("resource.group")) {
                throw new SandboxRejection(422, "a plan applies to machines and groups, not to a " + type);
            }
            boolean exists = applied.stream().anyMatch(a -> a.policyId().equals(policy.path("id").asText())
                    && a.contextId().equalsIgnoreCase(context.id()));
            if (!exists) {
                fresh.add(new Applied(UUID.randomUUID().toString(), policy.path("id").asText(), context.id(),
                        !type.equals("resource.machine"), now, deployDelayMs));
            }
        }
        applied.addAll(fresh);
    }

    /** Starts the plan on these machines (all it applies to when none are named). */
    synchronized int run(String policyId, List<String> contextIds, Instant now, long takesMs, boolean fails) {
        policy(policyId).orElseThrow(() -> new SandboxRejection(404, "plan " + policyId + " not found"));
        List<String> targets = new ArrayList<>(contextIds);
        if (targets.isEmpty()) {
            shown(now, false).stream().filter(s -> s.view().path("policy_id").asText().equalsIgnoreCase(policyId))
                    .forEach(s -> targets.add(s.view().path("context_id").asText()));
        }
        for (String machine : targets) {
            String key = key(policyId, machine);
            Run previous = runs.get(key);
            Instant success = previous == null ? null : previous.fails() ? previous.previousSuccess() : previous.endsAt();
            runs.put(key, new Run(now, now.plusMillis(takesMs), fails, success));
        }
        return targets.size();
    }

    /** Every application as listed now: those on machines, on groups, and on the members of those groups. */
    List<Shown> shown(Instant now, boolean neverDeployed) {
        return shown(now, neverDeployed, false);
    }

    List<Shown> shown(Instant now, boolean neverDeployed, boolean upperCase) {
        List<Shown> out = new ArrayList<>();
        for (Applied a : applied) {
            ObjectNode policy = policy(a.policyId()).orElse(null);
            if (policy == null) {
                continue;
            }
            Instant deployAt = a.createdAt().plusMillis(a.deployDelayMs());
            if (a.group()) {
                out.add(show(a, policy, a.contextId(), SandboxGroups.GROUP_TYPE, null, deployAt, now, neverDeployed, upperCase));
                for (StoredResource member : groups.members(a.contextId(), now)) {
                    Instant joined = groups.joinedAt(a.contextId(), member.id());
                    Instant memberDeployAt = joined == null ? deployAt
                            : max(deployAt, joined.plusMillis(a.deployDelayMs()));
                    out.add(show(a, policy, member.id(), "resource.machine", member, memberDeployAt, now, neverDeployed,
                            upperCase));
                }
            } else {
                StoredResource machine = inventory.resource(a.contextId(), now).orElse(null);
                out.add(show(a, policy, a.contextId(), "resource.machine", machine, deployAt, now, neverDeployed, upperCase));
            }
        }
        return out;
    }

    int applicationCount() {
        return applied.size();
    }

    private Shown show(Applied a, ObjectNode policy, String contextId, String contextType, StoredResource machine,
                       Instant deployAt, Instant now, boolean neverDeployed, boolean upper) {
        boolean deployed = !neverDeployed && !now.isBefore(deployAt);
        Run run = runs.get(key(a.policyId(), contextId));
        boolean running = run != null && now.isBefore(run.endsAt());
        ObjectNode item = json.createObjectNode();
        item.put("agent_id", machine == null ? null : machine.json().path("agent_id").asText(null));
        item.putObject("context").put("id", contextId).put("type", contextType);
        item.put("created_at", a.createdAt().toString());
        item.putNull("deleted_at");
        String deployment = deployed ? "DEPLOYED" : "DEPLOYING";
        String runningState = running ? "RUNNING" : "IDLE";
        String status = running ? "running" : run == null ? "OK" : run.fails() ? "ERROR" : "OK";
        if (upper) {
            item.putObject("DEPLOYMENT").put("STATE", deployment.toLowerCase(Locale.ROOT));
            item.putObject("RUNNING").put("STATE", runningState.toLowerCase(Locale.ROOT));
            item.put("STATUS", status.toLowerCase(Locale.ROOT));
        } else {
            item.putObject("deployment").put("state", deployment);
            item.putObject("running").put("state", runningState);
            item.put("status", status);
        }
        item.put("enabled", policy.path("enabled").asBoolean(true));
        item.put("id", a.id());
        if (run != null && !running) {
            item.put("last_runtime", run.startedAt().toString());
            Instant success = run.fails() ? run.previousSuccess() : run.endsAt();
            if (success != null) {
                item.put("last_success_time", success.toString());
            }
            item.put("last_activity", policy.path("type").asText());
        }
        item.put("next_activity", policy.path("type").asText());
        item.putArray("origin_contexts").add(a.contextId());
        ObjectNode p = item.putObject("policy");
        p.put("id", policy.path("id").asText());
        p.put("name", policy.path("name").asText());
        p.put("type", policy.path("type").asText());
        item.put("tenant_id", tenantId);
        item.put("updated_at", now.toString());
        ObjectNode view = json.createObjectNode();
        view.put("id", a.id());
        view.put("policy_id", a.policyId());
        view.put("context_id", contextId);
        return new Shown(view, item);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String key(String policyId, String machineId) {
        return policyId.toLowerCase(Locale.ROOT) + "|" + machineId.toLowerCase(Locale.ROOT);
    }
}
