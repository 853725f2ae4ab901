package dev.cbagent.verify;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.Filter;
import dev.cbagent.api.MachineResource;
import dev.cbagent.api.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The resource queries for a batch of hosts: {@code type=resource.machine&name=or(v1,v2,...)&limit=N}, one query
 * for the whole batch unless its URL would grow past the limit; a host's spellings never straddle two queries.
 */
final class BatchQueries {
    /** Room left in every URL for the {@code after} cursor. */
    static final int CURSOR_ALLOWANCE = 256;

    private BatchQueries() {
    }

    static List<Query> plan(Collection<String> hosts, int baseUrlLength, PollSettings settings) {
        int budget = settings.maxUrlLength() - baseUrlLength - ApiClient.RESOURCES.length() - 1 - CURSOR_ALLOWANCE;
        List<Query> queries = new ArrayList<>();
        Set<String> chunk = new LinkedHashSet<>();
        for (String host : hosts) {
            Set<String> grown = new LinkedHashSet<>(chunk);
            grown.addAll(HostNames.queryVariants(host));
            if (!chunk.isEmpty() && query(grown, settings).encode().length() > budget) {
                queries.add(query(chunk, settings));
                grown = new LinkedHashSet<>(HostNames.queryVariants(host));
            }
            chunk = grown;
        }
        if (!chunk.isEmpty()) {
            queries.add(query(chunk, settings));
        }
        return queries;
    }

    private static Query query(Set<String> names, PollSettings settings) {
        return Query.empty()
                .eq("type", MachineResource.MACHINE_TYPE)
                .where("name", Filter.or(names))
                .limit(settings.pageLimit());
    }
}
