package dev.cbagent.text;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 90s}, {@code 10m}, {@code 1h}, {@code 1h30m}, {@code 500ms}. */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /** Longer than any wait cbagent could mean; also keeps deadline arithmetic far from overflowing. */
    public static final Duration MAX = Duration.ofDays(366);

    private Durations() {
    }

    /** True when the text has the form of a duration but is longer than {@link #MAX} (or overflows). */
    public static boolean isTooLong(String text) {
        return WHOLE.matcher(text.trim()).matches() && parse(text).isEmpty();
    }

    /** The duration; empty when the text is not one, or is longer than {@link #MAX}. */
    public static Optional<Duration> parse(String text) {
        String t = text.trim();
        if (!WHOLE.matcher(t).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            try {
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
            if (total.compareTo(MAX) > 0) {
                return Optional.empty();
            }
        }
        return Optional.of(total);
    }

    /**
     * The one spelling of a duration shown to people, largest units first and in the form {@link #parse} reads back:
     * {@code 10m}, {@code 1h30m}, {@code 2m30s}, {@code 1s500ms}, {@code 300ms}, {@code 0s}.
     */
    public static String format(Duration d) {
        long millis = Math.max(0, d.toMillis());
        long s = millis / 1000;
        StringBuilder out = new StringBuilder();
        append(out, s / 3600, "h");
        append(out, s % 3600 / 60, "m");
        append(out, s % 60, "s");
        append(out, millis % 1000, "ms");
        return out.length() == 0 ? "0s" : out.toString();
    }

    /** As {@link #format}, to the whole second: for times measured by a clock, such as how long a wait has run. */
    public static String seconds(Duration d) {
        return format(Duration.ofSeconds(d.getSeconds()));
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount != 0) {
            out.append(amount).append(unit);
        }
    }
}
