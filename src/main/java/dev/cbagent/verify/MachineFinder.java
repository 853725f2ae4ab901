package dev.cbagent.verify;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.Filter;
import dev.cbagent.api.MachineResource;
import dev.cbagent.api.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lookups that find machines on the management server: by resource id (the agent's {@code InstanceID}), by
 * {@code agent_id}, and by name — the exact spellings first, then one {@code name=hlike(<short>.)} query for a short
 * name the server lists as an FQDN. List items without {@code agent_id} and {@code attributes} are completed with
 * {@code GET /resources/{id}}. Every list request is sent with {@code limit}.
 */
public final class MachineFinder {
    private final ApiClient api;
    private final PollSettings settings;

    public MachineFinder(ApiClient api, PollSettings settings) {
        this.api = api;
        this.settings = settings;
    }

    public ApiClient api() {
        return api;
    }

    /** {@code GET /api/v1/resources/{id}}; empty when the server does not know it. */
    public Optional<MachineResource> byId(String id) {
        return api.resource(id);
    }

    /** Many machines by id in one query per page ({@code id=or(a,b,...)}), keyed by id in lower case. */
    public Map<String, MachineResource> byIds(Collection<String> ids) {
        Map<String, MachineResource> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (MachineResource r : api.resources(Query.empty().where("id", Filter.or(ids)).limit(settings.pageLimit()))) {
            if (r.id() != null) {
                found.put(r.id().toLowerCase(java.util.Locale.ROOT), detailed(r));
            }
        }
        return found;
    }

    /** Machines whose {@code agent_id} is this one. */
    public List<MachineResource> byAgentId(String agentId) {
        return complete(api.resources(Query.empty().eq("type", MachineResource.MACHINE_TYPE).eq("agent_id", agentId)
                .limit(settings.pageLimit())));
    }

    /** Machines named like the host (short name or FQDN, any case); look-alikes are left out. */
    public List<MachineResource> byName(String host) {
        List<MachineResource> exact = named(host, api.resources(Query.empty().eq("type", MachineResource.MACHINE_TYPE)
                .where("name", Filter.or(HostNames.queryVariants(host))).limit(settings.pageLimit())));
        if (!exact.isEmpty() || !HostNames.isShort(host)) {
            return complete(exact);
        }
        String prefix = HostNames.shortName(host) + ".";
        return complete(named(host, api.resources(Query.empty().eq("type", MachineResource.MACHINE_TYPE)
                .where("name", Filter.hlike(prefix)).limit(settings.pageLimit()))));
    }

    /**
     * The machines named like any of these hosts, in one query ({@code name=or(...)} of every host's spellings, all
     * pages): for batches whose URL stays short, such as 50 host names.
     */
    public List<MachineResource> byNames(Collection<String> hosts) {
        java.util.Set<String> variants = new java.util.LinkedHashSet<>();
        hosts.forEach(h -> variants.addAll(HostNames.queryVariants(h)));
        if (variants.isEmpty()) {
            return List.of();
        }
        return complete(api.resources(Query.empty().eq("type", MachineResource.MACHINE_TYPE)
                .where("name", Filter.or(variants)).limit(settings.pageLimit())));
    }

    /** The item itself when it carries its agent and attributes, else its detail answer. */
    public MachineResource detailed(MachineResource r) {
        if (r.detailed() || r.id() == null) {
            return r;
        }
        return api.resource(r.id()).orElse(r);
    }

    private List<MachineResource> complete(List<MachineResource> found) {
        List<MachineResource> out = new ArrayList<>(found.size());
        for (MachineResource r : found) {
            out.add(detailed(r));
        }
        return out;
    }

    private static List<MachineResource> named(String host, List<MachineResource> found) {
        List<MachineResource> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (MachineResource r : found) {
            if (HostNames.matches(host, r.name()) && (r.id() == null || seen.add(r.id().toLowerCase(java.util.Locale.ROOT)))) {
                out.add(r);
            }
        }
        return out;
    }
}
