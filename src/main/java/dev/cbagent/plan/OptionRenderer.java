package dev.cbagent.plan;

import dev.cbagent.error.Redactor;
import dev.cbagent.profile.HostPort;
import dev.cbagent.profile.ProfileValues;
import dev.cbagent.profile.Secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns dialect options and profile values into argv elements; secrets become masked {@link Arg}s. */
public final class OptionRenderer {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9.]+)(?::(host|port))?}");

    private OptionRenderer() {
    }

    /** Key paths a value template reads. */
    public static List<String> keys(String template) {
        List<String> keys = new ArrayList<>();
        if (template != null) {
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    public static List<Arg> render(List<OptionSpec> options, String form, ProfileValues values) {
        List<Arg> args = new ArrayList<>();
        for (OptionSpec option : options) {
            if (!Condition.holds(option.when(), values)) {
                continue;
            }
            if (option.value() == null) {
                args.add(Arg.plain(option.flag()));
                continue;
            }
            fill(option.value(), values).ifPresent(filled -> args.addAll(format(option.flag(), form, filled)));
        }
        return args;
    }

    /** The filled template: the real text, what people see (each secret part masked) and the secret part. */
    private record Filled(String text, String display, String secret, List<String> masks) {
    }

    private static List<Arg> format(String flag, String form, Filled value) {
        if ("separate".equals(form)) {
            Arg v = value.secret() == null ? Arg.plain(value.text())
                    : new Arg(value.text(), value.display(), value.secret(), value.masks());
            return List.of(Arg.plain(flag), v);
        }
        String prefix = flag + "=";
        return List.of(value.secret() == null ? Arg.plain(prefix + value.text())
                : new Arg(prefix + value.text(), prefix + value.display(), value.secret(), value.masks()));
    }

    private static Optional<Filled> fill(String template, ProfileValues values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        StringBuilder display = new StringBuilder();
        String secret = null;
        List<String> masks = new ArrayList<>();
        int secrets = 0;
        int last = 0;
        while (m.find()) {
            String key = m.group(1);
            Optional<String> text = values.text(key);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            String part = text.get();
            if (m.group(2) != null) {
                Optional<String> piece = HostPort.part(part, m.group(2));
                if (piece.isEmpty()) {
                    return Optional.empty();
                }
                part = piece.get();
            }
            String literal = template.substring(last, m.start());
            last = m.end();
            out.append(literal).append(part);
            Optional<Secret> s = values.secret(key);
            if (s.isPresent() && s.get().isPartial() && m.group(2) == null) {
                // shown as written, only the values of its references masked
                secret = part;
                masks.addAll(s.get().masks());
                display.append(literal).append(s.get().display());
            } else if (s.isPresent()) {
                secret = part;
                secrets++;
                masks.add(part);
                display.append(literal).append(Redactor.MASK);
            } else {
                display.append(literal).append(part);
            }
        }
        out.append(template.substring(last));
        display.append(template.substring(last));
        // <user>:<password> shows the user; a value made of several secrets is masked whole
        return Optional.of(new Filled(out.toString(), secrets > 1 ? Redactor.MASK : display.toString(), secret, masks));
    }
}
