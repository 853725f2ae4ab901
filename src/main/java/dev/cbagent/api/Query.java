package dev.cbagent.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The query string of a list request: field filters, {@code order}, {@code limit} and the {@code after} cursor.
 * Immutable; every method returns a new query. {@link #encode()} gives the URL-encoded text after {@code ?}.
 */
public final class Query {
    private record Param(String name, String encodedValue) {
    }

    private final List<Param> params;

    private Query(List<Param> params) {
        this.params = List.copyOf(params);
    }

    public static Query empty() {
        return new Query(List.of());
    }

    /** {@code field=<filter>}. */
    public Query where(String field, Filter filter) {
        Objects.requireNonNull(filter, "filter");
        return with(field, filter.encoded(), false);
    }

    /** {@code field=value} (equals). */
    public Query eq(String field, String value) {
        return where(field, Filter.eq(value));
    }

    public Query limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return with("limit", Integer.toString(limit), true);
    }

    public boolean hasLimit() {
        return params.stream().anyMatch(p -> p.name().equals("limit"));
    }

    /** The page cursor from {@code paging.cursors.after}; replaces an earlier one. */
    public Query after(String cursor) {
        return with("after", UrlText.encode(Objects.requireNonNull(cursor, "cursor")), true);
    }

    public Query order(Order... keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("order needs at least one key");
        }
        StringBuilder value = new StringBuilder();
        for (Order key : keys) {
            if (value.length() > 0) {
                value.append(',');
            }
            value.append(key.encoded());
        }
        return with("order", value.toString(), true);
    }

    /** The encoded query, without the leading {@code ?}; empty when there are no parameters. */
    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Param p : params) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(UrlText.encode(p.name())).append('=').append(p.encodedValue());
        }
        return out.toString();
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    private Query with(String name, String encodedValue, boolean replace) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a query parameter needs a name");
        }
        List<Param> next = new ArrayList<>(params);
        if (replace) {
            next.removeIf(p -> p.name().equals(name));
        }
        next.add(new Param(name, encodedValue));
        return new Query(next);
    }

    @Override
    public String toString() {
        return encode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Query q && params.equals(q.params);
    }

    @Override
    public int hashCode() {
        return params.hashCode();
    }
}
