package dev.cbagent.sandbox;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A filter value of the guide's syntax, parsed from the still-encoded query text so that an encoded comma or
 * parenthesis inside a value stays part of the value. Plain values compare exactly (case-sensitive);
 * {@code like/hlike/tlike} ignore case; {@code ge/gt/le/lt/range/xrange} compare numbers as numbers (a trailing
 * {@code ns} is allowed) and anything else as text.
 */
abstract class FilterExpression {
    private static final Set<String> OPERATORS = Set.of("ne", "ge", "gt", "le", "lt", "range", "xrange", "and",
            "or", "like", "hlike", "tlike");

    /** Whether a field holding {@code value} (null when absent or JSON null) passes. */
    abstract boolean test(String value);

    static FilterExpression parse(String encoded) {
        Parser parser = new Parser(encoded);
        FilterExpression expression = parser.expression();
        if (parser.pos != encoded.length()) {
            throw new SandboxRejection(400, "cannot parse the filter '" + decode(encoded) + "' at character " + parser.pos);
        }
        return expression;
    }

    static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SandboxRejection(400, "bad percent-encoding in '" + encoded + "'");
        }
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        FilterExpression expression() {
            int start = pos;
            while (pos < text.length() && "(),".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String token = text.substring(start, pos);
            if (pos < text.length() && text.charAt(pos) == '(') {
                String operator = decode(token).toLowerCase(Locale.ROOT);
                if (!OPERATORS.contains(operator)) {
                    throw new SandboxRejection(400, "unknown filter operator '" + decode(token) + "'");
                }
                pos++;
                List<FilterExpression> arguments = new ArrayList<>();
                while (true) {
                    arguments.add(expression());
                    if (pos >= text.length()) {
                        throw new SandboxRejection(400, "missing ')' in the filter '" + decode(text) + "'");
                    }
                    char c = text.charAt(pos++);
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        throw new SandboxRejection(400, "unexpected '" + c + "' in the filter '" + decode(text) + "'");
                    }
                }
                return operator(operator, arguments);
            }
            return new Equals(decode(token));
        }
    }

    private static FilterExpression operator(String name, List<FilterExpression> args) {
        switch (name) {
            case "and":
                return new Combined(args, true);
            case "or":
                return new Combined(args, false);
            case "range":
            case "xrange":
                if (args.size() != 2) {
                    throw new SandboxRejection(400, name + "() takes two values");
                }
                return new Range(literal(name, args.get(0)), literal(name, args.get(1)), name.equals("xrange"));
            default:
                if (args.size() != 1) {
                    throw new SandboxRejection(400, name + "() takes one value");
                }
                return new Compare(name, literal(name, args.get(0)));
        }
    }

    private static String literal(String operator, FilterExpression argument) {
        if (argument instanceof Equals e) {
            return e.expected;
        }
        throw new SandboxRejection(400, operator + "() takes plain values");
    }

    private static final class Equals extends FilterExpression {
        private final String expected;

        Equals(String expected) {
            this.expected = expected;
        }

        @Override
        boolean test(String value) {
            return expected.equals(value);
        }
    }

    private static final class Combined extends FilterExpression {
        private final List<FilterExpression> parts;
        private final boolean all;
        /** An {@code or()} of plain values, as a set: a fleet's query names hundreds of hosts. Null otherwise. */
        private final Set<String> anyOf;

        Combined(List<FilterExpression> parts, boolean all) {
            this.parts = List.copyOf(parts);
            this.all = all;
            this.anyOf = all || !parts.stream().allMatch(Equals.class::isInstance) ? null
                    : parts.stream().map(p -> ((Equals) p).expected).collect(java.util.stream.Collectors.toSet());
        }

        @Override
        boolean test(String value) {
            if (anyOf != null) {
                return value != null && anyOf.contains(value);
            }
            for (FilterExpression part : parts) {
                if (part.test(value) != all) {
                    return !all;
                }
            }
            return all;
        }
    }

    private static final class Range extends FilterExpression {
        private final String from;
        private final String to;
        private final boolean outside;

        Range(String from, String to, boolean outside) {
            this.from = from;
            this.to = to;
            this.outside = outside;
        }

        @Override
        boolean test(String value) {
            if (value == null) {
                return false;
            }
            boolean inside = compare(value, from) >= 0 && compare(value, to) <= 0;
            return inside != outside;
        }
    }

    private static final class Compare extends FilterExpression {
        private final String operator;
        private final String operand;

        Compare(String operator, String operand) {
            this.operator = operator;
            this.operand = operand;
        }

        @Override
        boolean test(String value) {
            if (operator.equals("ne")) {
                return !operand.equals(value);
            }
            if (value == null) {
                return false;
            }
            String v = value.toLowerCase(Locale.ROOT);
            String o = operand.toLowerCase(Locale.ROOT);
            return switch (operator) {
                case "like" -> v.contains(o);
                case "hlike" -> v.startsWith(o);
                case "tlike" -> v.endsWith(o);
                case "ge" -> compare(value, operand) >= 0;
                case "gt" -> compare(value, operand) > 0;
                case "le" -> compare(value, operand) <= 0;
                case "lt" -> compare(value, operand) < 0;
                default -> throw new IllegalStateException(operator);
            };
        }
    }

    static int compare(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        return a.compareTo(b);
    }

    private static BigDecimal number(String text) {
        String t = text.endsWith("ns") ? text.substring(0, text.length() - 2) : text;
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
