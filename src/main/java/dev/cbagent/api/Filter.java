package dev.cbagent.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One filter value in the guide's syntax (2.6): a plain value (equals) or an operator such as {@code ne(v)},
 * {@code range(a,b)}, {@code or(v1,v2)}, {@code and(hlike(a),like(b))}.
 *
 * <p>In the URL, the operators' own parentheses and commas stay literal while every character of a value that is
 * not unreserved is percent-encoded, so a comma, parenthesis, space, {@code &} or {@code =} inside a value can
 * never be read as syntax.
 */
public final class Filter {
    private final String operator;
    private final String value;
    private final List<Filter> arguments;

    private Filter(String operator, String value, List<Filter> arguments) {
        this.operator = operator;
        this.value = value;
        this.arguments = arguments;
    }

    public static Filter eq(String value) {
        return new Filter(null, Objects.requireNonNull(value, "value"), List.of());
    }

    public static Filter ne(String value) {
        return op("ne", eq(value));
    }

    public static Filter ge(String value) {
        return op("ge", eq(value));
    }

    public static Filter gt(String value) {
        return op("gt", eq(value));
    }

    public static Filter le(String value) {
        return op("le", eq(value));
    }

    public static Filter lt(String value) {
        return op("lt", eq(value));
    }

    public static Filter range(String from, String to) {
        return op("range", eq(from), eq(to));
    }

    public static Filter xrange(String from, String to) {
        return op("xrange", eq(from), eq(to));
    }

    /** Contains, case as the server decides. */
    public static Filter like(String value) {
        return op("like", eq(value));
    }

    /** Starts with. */
    public static Filter hlike(String value) {
        return op("hlike", eq(value));
    }

    /** Ends with. */
    public static Filter tlike(String value) {
        return op("tlike", eq(value));
    }

    public static Filter and(Filter... parts) {
        return op("and", parts);
    }

    public static Filter or(Filter... parts) {
        return op("or", parts);
    }

    /** {@code or(v1,v2,...)} of plain values. */
    public static Filter or(Collection<String> values) {
        List<Filter> parts = new ArrayList<>(values.size());
        for (String v : values) {
            parts.add(eq(v));
        }
        return op("or", parts.toArray(new Filter[0]));
    }

    private static Filter op(String operator, Filter... arguments) {
        if (arguments.length == 0) {
            throw new IllegalArgumentException(operator + "() needs at least one value");
        }
        return new Filter(operator, null, List.of(arguments));
    }

    /** The form that goes into a URL query (already encoded). */
    public String encoded() {
        return render(UrlText::encode);
    }

    /** The readable form, e.g. {@code or(web-01,WEB-01)}. */
    @Override
    public String toString() {
        return render(Function.identity());
    }

    private String render(Function<String, String> valueEncoder) {
        if (operator == null) {
            return valueEncoder.apply(value);
        }
        StringBuilder out = new StringBuilder(operator).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(arguments.get(i).render(valueEncoder));
        }
        return out.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Filter f && Objects.equals(operator, f.operator) && Objects.equals(value, f.value)
                && arguments.equals(f.arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operator, value, arguments);
    }
}
