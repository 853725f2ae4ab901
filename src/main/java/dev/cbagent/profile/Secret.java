package dev.cbagent.profile;

import java.util.Objects;

/**
 * A resolved secret. {@code reference} is how the profile names it ({@code ${env:CB_TOKEN}}, or "literal");
 * the value is only handed out through {@link #reveal()}, and {@link #toString()} never shows it.
 */
public final class Secret {
    public static final String MASK = "******";
    private final String reference;
    private final String value;

    public Secret(String reference, String value) {
        this.reference = Objects.requireNonNull(reference);
        this.value = Objects.requireNonNull(value);
    }

    public String reference() {
        return reference;
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
