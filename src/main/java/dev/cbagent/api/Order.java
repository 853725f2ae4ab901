package dev.cbagent.api;

import java.util.Objects;

/** One sort key of {@code order=asc(f1),desc(f2)}. */
public record Order(String field, boolean ascending) {
    public Order {
        Objects.requireNonNull(field, "field");
    }

    public static Order asc(String field) {
        return new Order(field, true);
    }

    public static Order desc(String field) {
        return new Order(field, false);
    }

    String encoded() {
        return (ascending ? "asc(" : "desc(") + UrlText.encode(field) + ")";
    }
}
