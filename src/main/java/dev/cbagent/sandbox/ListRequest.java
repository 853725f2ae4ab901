package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A list request's query: field filters on top-level fields, {@code order}, {@code limit}, and opaque
 * {@code after}/{@code before} cursors. The last page carries {@code "after": ""}. Filters on {@code id} and on
 * {@code *_id} fields (UUIDs) ignore case; other plain values compare exactly.
 */
final class ListRequest {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Map<String, FilterExpression> filters = new LinkedHashMap<>();
    private final List<Comparator<JsonNode>> order = new ArrayList<>();
    private int limit = DEFAULT_LIMIT;
    private int offset;

    private ListRequest() {
    }

    /** Refuses (400) a query that pages with {@code after} or {@code before} but sends no {@code limit}. */
    static void requireLimitWithCursor(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        boolean cursor = false;
        boolean limit = false;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = FilterExpression.decode(eq < 0 ? pair : pair.substring(0, eq));
            cursor |= name.equals("after") || name.equals("before");
            limit |= name.equals("limit");
        }
        if (cursor && !limit) {
            throw new SandboxRejection(400, "a page cursor (after/before) must be sent together with limit");
        }
    }

    static ListRequest parse(String rawQuery) {
        ListRequest request = new ListRequest();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return request;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = FilterExpression.decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            switch (name) {
                case "limit" -> request.limit = limit(FilterExpression.decode(value));
                case "after", "before" -> request.offset = cursor(FilterExpression.decode(value));
                case "order" -> request.order(value);
                default -> request.filters.put(name,
                        FilterExpression.parse(isIdField(name) ? value.toLowerCase(Locale.ROOT) : value));
            }
        }
        return request;
    }

    /**
     * The page of {@code all} this request asks for, added to {@code body} as {@code items} and {@code paging}.
     * Filters and order look at {@code stored}; only the items of the page are {@code shown}.
     */
    <T> ObjectNode page(List<T> all, Function<T, ObjectNode> stored, Function<T, ObjectNode> shown, ObjectNode body) {
        List<T> matching = new ArrayList<>();
        for (T item : all) {
            if (matches(stored.apply(item))) {
                matching.add(item);
            }
        }
        if (!order.isEmpty()) {
            Comparator<JsonNode> comparator = order.stream().reduce(Comparator::thenComparing).orElseThrow();
            matching.sort((a, b) -> comparator.compare(stored.apply(a), stored.apply(b)));
        }
        int from = Math.min(offset, matching.size());
        int to = Math.min(from + limit, matching.size());
        ArrayNode items = body.putArray("items");
        matching.subList(from, to).forEach(item -> items.add(shown.apply(item)));
        ObjectNode cursors = body.putObject("paging").putObject("cursors");
        cursors.put("after", to < matching.size() ? encodeCursor(to) : "");
        if (from > 0) {
            cursors.put("before", encodeCursor(Math.max(0, from - limit)));
        }
        return body;
    }

    private boolean matches(JsonNode item) {
        for (Map.Entry<String, FilterExpression> filter : filters.entrySet()) {
            JsonNode field = item.get(filter.getKey());
            String value = field == null || field.isNull() ? null : field.isValueNode() ? field.asText() : field.toString();
            if (value != null && isIdField(filter.getKey())) {
                value = value.toLowerCase(Locale.ROOT);
            }
            if (!filter.getValue().test(value)) {
                return false;
            }
        }
        return true;
    }

    /** {@code id}, {@code agent_id}, {@code tenant_id}, ...: UUIDs, compared without regard to case. */
    private static boolean isIdField(String name) {
        return name.equals("id") || name.endsWith("_id");
    }

    private void order(String encoded) {
        for (String key : FilterExpression.decode(encoded).split(",")) {
            String k = key.trim().toLowerCase(Locale.ROOT);
            boolean asc = k.startsWith("asc(");
            if (!(asc || k.startsWith("desc(")) || !k.endsWith(")")) {
                throw new SandboxRejection(400, "order takes asc(field) or desc(field), got '" + key + "'");
            }
            String field = key.trim().substring(asc ? 4 : 5, key.trim().length() - 1);
            Comparator<JsonNode> byField = Comparator.comparing((JsonNode n) -> n.path(field).asText(""),
                    FilterExpression::compare);
            order.add(asc ? byField : byField.reversed());
        }
    }

    private static int limit(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value < 1) {
                throw new SandboxRejection(400, "limit must be positive");
            }
            return Math.min(value, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw new SandboxRejection(400, "limit must be a number, got '" + text + "'");
        }
    }

    static String encodeCursor(int offset) {
        return Base64.getEncoder().encodeToString(("sandbox-offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int cursor(String token) {
        if (token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("sandbox-offset:")) {
                int offset = Integer.parseInt(text.substring("sandbox-offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the rejection
        }
        throw new SandboxRejection(400, "the page cursor is not valid");
    }
}
