package dev.cbagent.plan;

import dev.cbagent.error.Redactor;

import java.util.List;
import java.util.Objects;

/**
 * One argv element. {@code value} is what the operating system receives; {@code display} is what people see,
 * with the secret part (if any) replaced by {@link Redactor#MASK}. {@code masks} are the texts to mask wherever they
 * appear: the secret itself, or only the values of the references inside it (registration.scriptParams).
 */
public record Arg(String value, String display, String secret, List<String> masks) {

    public Arg {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(display, "display");
        masks = masks == null || masks.isEmpty() ? (secret == null ? List.of() : List.of(secret)) : List.copyOf(masks);
    }

    public Arg(String value, String display, String secret) {
        this(value, display, secret, null);
    }

    public static Arg plain(String value) {
        return new Arg(value, value, null);
    }

    /** An element made of a visible prefix and a secret, e.g. {@code --token=} + token. */
    public static Arg secret(String prefix, String secret) {
        return new Arg(prefix + secret, prefix + Redactor.MASK, secret);
    }

    public boolean isSecret() {
        return secret != null;
    }

    @Override
    public String toString() {
        return display;
    }
}
