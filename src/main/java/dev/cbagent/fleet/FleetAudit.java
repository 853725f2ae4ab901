package dev.cbagent.fleet;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.MachineResource;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.verify.MachineFinder;
import dev.cbagent.verify.NameIndex;
import dev.cbagent.verify.PollSettings;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What the management server knows of each host's name, read-only, in few requests: per server one login and one
 * query for every {@value #HOSTS_PER_QUERY} hosts (one page of up to 200 resources; half of the bound of
 * one request per 50 hosts in DESIGN.md "Fleets"). After the first query (which logs in), up to {@value #QUERIES_AT_ONCE} are in
 * flight at once. Each query's answer is indexed by name once ({@link NameIndex}), so judging grows with the
 * hosts, not with hosts times resources. Without the hosts' own identities (no SSH), a name is all there
 * is: two live machines with one name are a {@code conflict}.
 */
final class FleetAudit {
    static final int HOSTS_PER_QUERY = 100;
    /** Queries in flight at once: the server works on one while the answer of another is read and judged. */
    static final int QUERIES_AT_ONCE = 4;

    /** One host's state on the server. */
    record Finding(HostResult.Status status, String resourceId, String detail) {
    }

    private final Function<ApiTarget, ApiClient> clients;
    private final Map<String, ApiClient> clientByTarget = new LinkedHashMap<>();

    FleetAudit(Function<ApiTarget, ApiClient> clients) {
        this.clients = clients;
    }

    /** Findings by host label, for the hosts that have a name; the others are left out. */
    Map<String, Finding> audit(List<Host> hosts, Map<String, String> names, Map<String, HostPlan> plans) {
        Map<String, List<Host>> byTarget = new LinkedHashMap<>();
        Map<ApiTarget, String> keys = new IdentityHashMap<>(); // the hosts of one profile share its target
        for (Host h : hosts) {
            if (names.get(h.label()) != null) {
                String key = keys.computeIfAbsent(plans.get(h.label()).api(), ApiTarget::key);
                byTarget.computeIfAbsent(key, k -> new ArrayList<>()).add(h);
            }
        }
        Map<String, Finding> findings = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(QUERIES_AT_ONCE, r -> {
            Thread t = new Thread(r, "fleet-audit");
            t.setDaemon(true);
            return t;
        });
        try {
            for (List<Host> group : byTarget.values()) {
                ApiTarget target = plans.get(group.get(0).label()).api();
                MachineFinder finder = new MachineFinder(client(target), PollSettings.standard());
                List<List<Host>> chunks = new ArrayList<>();
                for (int from = 0; from < group.size(); from += HOSTS_PER_QUERY) {
                    chunks.add(group.subList(from, Math.min(group.size(), from + HOSTS_PER_QUERY)));
                }
                // The first query alone: it logs in, so wrong credentials are tried once, not once per thread.
                List<Future<NameIndex>> answers = new ArrayList<>();
                answers.add(CompletableFuture.completedFuture(query(finder, chunks.get(0), names)));
                for (List<Host> chunk : chunks.subList(1, chunks.size())) {
                    answers.add(pool.submit(() -> query(finder, chunk, names)));
                }
                for (int i = 0; i < chunks.size(); i++) {
                    NameIndex found = answer(answers.get(i));
                    for (Host h : chunks.get(i)) {
                        String name = names.get(h.label());
                        findings.put(h.label(), judge(name, found.named(name)));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return findings;
    }

    private static NameIndex query(MachineFinder finder, List<Host> chunk, Map<String, String> names) {
        return NameIndex.of(finder.byNames(chunk.stream().map(h -> names.get(h.label())).toList()));
    }

    /** A query's answer; its failure (server unavailable, say) as the query itself would have thrown it. */
    private static NameIndex answer(Future<NameIndex> answer) {
        try {
            return answer.get(); // every request has its own timeout and bounded retries (ApiClient)
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CbagentException(ExitCode.INTERNAL, "interrupted while asking the management server");
        }
    }

    /** API requests sent so far. */
    long requests() {
        return clientByTarget.values().stream().mapToLong(ApiClient::requestCount).sum();
    }

    /** @param found the resources named like the host ({@link NameIndex#named}) */
    static Finding judge(String host, List<MachineResource> found) {
        List<MachineResource> live = found.stream().filter(r -> r.isMachine() && !r.isDeleted() && r.hasAgent())
                .toList();
        if (live.size() > 1) {
            return new Finding(HostResult.Status.CONFLICT, null, live.size() + " live machines are named like " + host
                    + ": " + String.join(", ", live.stream().map(r -> r.id() + (r.online() ? " (online)" : " (offline)"))
                    .toList()) + "; only the agents' identities tell which one is this host");
        }
        if (live.isEmpty()) {
            boolean deleted = found.stream().anyMatch(r -> r.isMachine() && r.isDeleted());
            return new Finding(HostResult.Status.MISSING, null, deleted ? "only deleted machines are named " + host
                    : "no machine named " + host + " is registered");
        }
        MachineResource r = live.get(0);
        if (!r.online()) {
            return new Finding(HostResult.Status.OFFLINE, r.id(), "'" + r.name() + "' is registered but its agent is offline");
        }
        return new Finding(HostResult.Status.REGISTERED, r.id(), null);
    }

    private ApiClient client(ApiTarget target) {
        return clientByTarget.computeIfAbsent(target.key(), k -> clients.apply(target));
    }
}
