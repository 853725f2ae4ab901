package dev.cbagent.protect;

import dev.cbagent.api.Filter;
import dev.cbagent.api.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits many ids into filters of a bounded size: {@code field=id} for one, {@code field=or(a,b,...)} for more. */
final class Batches {
    static final int IDS_PER_QUERY = 50;

    private Batches() {
    }

    static List<Query> byIds(Query base, String field, Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<Query> queries = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
            queries.add(chunk.size() == 1 ? base.eq(field, chunk.get(0)) : base.where(field, Filter.or(chunk)));
        }
        return queries;
    }
}
