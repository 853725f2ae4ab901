package dev.cbagent.verify;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.Filter;
import dev.cbagent.api.MachineResource;
import dev.cbagent.api.Query;
import dev.cbagent.api.UrlText;

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
        // The URL's length is kept as a running sum (the query around the names, each name and its comma) rather
        // than by encoding the growing query again for every host, which is quadratic in the batch.
        int around = query(Set.of("x"), settings).encode().length() - 1;
        List<Query> queries = new ArrayList<>();
        Set<String> chunk = new LinkedHashSet<>();
        int length = around - 1;
        for (String host : hosts) {
            Set<String> added = new LinkedHashSet<>(HostNames.queryVariants(host));
            added.removeAll(chunk);
            if (!chunk.isEmpty() && length + listedLength(added) > budget) {
                queries.add(query(chunk, settings));
                chunk = new LinkedHashSet<>();
                added = new LinkedHashSet<>(HostNames.queryVariants(host));
                length = around - 1;
            }
            chunk.addAll(added);
            length += listedLength(added);
        }
        if (!chunk.isEmpty()) {
            queries.add(query(chunk, settings));
        }
        return queries;
    }

    /** What these names add to an {@code or(...)}: each encoded, with its comma. */
    private static int listedLength(Set<String> names) {
        int length = 0;
        for (String name : names) {
            length += UrlText.encode(name).length() + 1;
        }
        return length;
    }

    private static Query query(Set<String> names, PollSettings settings) {
        return Query.empty()
                .eq("type", MachineResource.MACHINE_TYPE)
                .where("name", Filter.or(names))
                .limit(settings.pageLimit());
    }
}
