package dev.cbagent.profile;

import dev.cbagent.error.Redactor;

import java.util.List;
import java.util.Objects;

/**
 * A resolved secret. {@code reference} is how the profile names it ({@code ${env:CB_TOKEN}}, or "literal");
 * the value is only handed out through {@link #reveal()}, and {@link #toString()} never shows it.
 * <p>
 * A text with references inside ({@code registration.scriptParams: -u admin -p ${env:AD_PWD}}) is shown as written
 * with only the values of its references masked: {@link #display()} is {@code -u admin -p ******} and
 * {@link #masks()} holds just the referenced values.
 */
public final class Secret {
    private final String reference;
    private final String value;
    private final String display;
    private final List<String> masks;

    public Secret(String reference, String value) {
        this(reference, value, Redactor.MASK, List.of(value));
    }

    private Secret(String reference, String value, String display, List<String> masks) {
        this.reference = Objects.requireNonNull(reference);
        this.value = Objects.requireNonNull(value);
        this.display = Objects.requireNonNull(display);
        this.masks = List.copyOf(masks);
    }

    /** A text whose secret parts are {@code parts}; {@code display} is the text with each part masked. */
    public static Secret withParts(String reference, String value, String display, List<String> parts) {
        return new Secret(reference, value, display, parts);
    }

    public String reference() {
        return reference;
    }

    public String reveal() {
        return value;
    }

    /** What people see: {@link Redactor#MASK}, or the text with the values of its references masked. */
    public String display() {
        return display;
    }

    /** True when only parts of the value are secret ({@link #display()} shows the rest). */
    public boolean isPartial() {
        return !display.equals(Redactor.MASK);
    }

    /** The values to mask wherever they appear: the whole value, or the values of the references inside it. */
    public List<String> masks() {
        return masks;
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
        return display;
    }
}
