package dev.cbagent.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One page of a list answer.
 *
 * @param items the {@code items} array
 * @param after the {@code paging.cursors.after} cursor; empty when this is the last page
 */
public record Page(List<JsonNode> items, String after) {
    public Page {
        items = List.copyOf(items);
        after = after == null ? "" : after;
    }

    public boolean hasNext() {
        return !after.isEmpty();
    }
}
