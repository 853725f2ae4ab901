package dev.cbagent.profile.schema;

import dev.cbagent.text.Durations;
import dev.cbagent.profile.Finding;
import dev.cbagent.profile.Location;
import dev.cbagent.profile.Secret;
import dev.cbagent.profile.SecretResolver;
import dev.cbagent.profile.Suggestions;
import dev.cbagent.profile.yaml.YNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a YAML tree against the {@link KeySpec} tree and flattens it into typed values by key path.
 * Every problem becomes a finding; nothing stops at the first.
 */
public final class TreeBinder {
    private final SecretResolver secrets;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Location> locations = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> literalSecrets = new ArrayList<>();

    public TreeBinder(SecretResolver secrets) {
        this.secrets = secrets;
    }

    public Map<String, Object> values() {
        return values;
    }

    public Map<String, Location> locations() {
        return locations;
    }

    public List<Finding> findings() {
        return findings;
    }

    /** Key paths of secrets written in clear text in the profile. */
    public List<String> literalSecrets() {
        return literalSecrets;
    }

    public TreeBinder bind(YNode root, KeySpec spec) {
        bindObject("", root, spec);
        return this;
    }

    private void bindObject(String path, YNode node, KeySpec spec) {
        if (node instanceof YNode.YScalar s && s.isNull()) {
            return;
        }
        if (!(node instanceof YNode.YMap map)) {
            error(node.location(), path, "expected a mapping of keys under '" + path + "'");
            return;
        }
        Location firstForeign = null;
        int foreign = 0;
        for (Map.Entry<String, YNode.Entry> e : map.entries().entrySet()) {
            String key = e.getKey();
            String childPath = path.isEmpty() ? key : path + "." + key;
            KeySpec child = spec.children().get(key);
            if (child == null) {
                if (Suggestions.isPlainKey(key)) {
                    error(e.getValue().keyLocation(), childPath,
                            "unknown key" + Suggestions.didYouMean(key, spec.children().keySet()));
                } else if (foreign++ == 0) {
                    firstForeign = e.getValue().keyLocation();
                }
                continue;
            }
            locations.put(childPath, e.getValue().value().location());
            bindValue(childPath, e.getValue().value(), child);
        }
        if (firstForeign != null) {
            // likely a file that is not a profile at all (extends: /etc/shadow): its text is never echoed
            error(firstForeign, path, (foreign == 1 ? "a line that is not a key" : foreign + " lines that are not keys")
                    + " of a profile (text not shown; is this file a cbagent profile?)");
        }
    }

    private void bindValue(String path, YNode node, KeySpec spec) {
        if (spec.type() == ValueType.OBJECT) {
            bindObject(path, node, spec);
            return;
        }
        if (spec.type() == ValueType.STRING_LIST) {
            bindList(path, node);
            return;
        }
        if (!(node instanceof YNode.YScalar scalar)) {
            error(node.location(), path, "expected a single value, not a " + (node instanceof YNode.YList ? "list" : "mapping"));
            return;
        }
        if (scalar.isNull()) {
            error(scalar.location(), path, "has no value (remove the key or give it one)");
            return;
        }
        String text = scalar.value();
        Location at = scalar.location();
        switch (spec.type()) {
            case STRING -> bindString(path, at, text);
            case SECRET -> bindSecret(path, at, text);
            case TEXT_WITH_SECRETS -> bindTextWithSecrets(path, at, text);
            case BOOLEAN -> {
                if ("bool".equals(scalar.kind()) && (text.equals("true") || text.equals("false"))) {
                    values.put(path, Boolean.parseBoolean(text));
                } else {
                    error(at, path, "expected true or false, got '" + text + "'");
                }
            }
            case INTEGER -> bindInteger(path, at, scalar, spec);
            case ENUM -> {
                if (spec.allowed().contains(text)) {
                    values.put(path, text);
                } else {
                    // a value that is not a plain word may be "user:password" (managementServerDb.auth): not echoed
                    String shown = text.matches("[A-Za-z0-9._/-]{1,40}") ? "'" + text + "'" : "the value";
                    error(at, path, shown + " is not one of " + String.join(", ", spec.allowed())
                            + Suggestions.didYouMean(text, spec.allowed()));
                }
            }
            case DURATION -> {
                Duration d = Durations.parse(text).orElse(null);
                if (Durations.isTooLong(text)) {
                    error(at, path, "'" + text + "' is too long (at most " + Durations.MAX.toDays() + "d)");
                } else if (d == null || d.isZero()) {
                    error(at, path, "'" + text + "' is not a duration (write it like 90s, 10m or 1h)");
                } else {
                    values.put(path, d);
                }
            }
            default -> throw new IllegalStateException("unhandled type " + spec.type());
        }
    }

    private void bindString(String path, Location at, String text) {
        if (SecretResolver.mentionsReference(text)) {
            // resolved, it would be printed by plan, logs and reports: only secret fields take references
            error(at, path, "takes no ${env:...} or ${file:...} reference (only secret fields do); write the value itself");
            return;
        }
        if (text.isBlank()) {
            error(at, path, "is empty");
            return;
        }
        values.put(path, text);
    }

    private void bindSecret(String path, Location at, String text) {
        SecretResolver.Resolution r = secrets.besideFile(at.file()).resolve(text);
        if (r.problem() != null) {
            error(at, path, r.problem());
            return;
        }
        if (r.value().isEmpty()) {
            error(at, path, "is empty");
            return;
        }
        if (r.literal()) {
            literalSecrets.add(path);
        }
        values.put(path, new Secret(r.reference(), r.value()));
    }

    private void bindTextWithSecrets(String path, Location at, String text) {
        SecretResolver.Resolution r = secrets.besideFile(at.file()).resolveText(text);
        if (r.problem() != null) {
            error(at, path, r.problem());
            return;
        }
        if (r.value().isBlank()) {
            error(at, path, "is empty");
            return;
        }
        values.put(path, r.parts().isEmpty() ? r.value()
                : Secret.withParts(text, r.value(), SecretResolver.maskReferences(text), r.parts()));
    }

    private void bindInteger(String path, Location at, YNode.YScalar scalar, KeySpec spec) {
        int value;
        try {
            if (!"int".equals(scalar.kind())) {
                throw new NumberFormatException();
            }
            value = Integer.parseInt(scalar.value());
        } catch (NumberFormatException e) {
            error(at, path, "expected a whole number, got '" + scalar.value() + "'");
            return;
        }
        if ((spec.min() != null && value < spec.min()) || (spec.max() != null && value > spec.max())) {
            error(at, path, value + " is out of range " + spec.min() + "-" + spec.max());
            return;
        }
        values.put(path, value);
    }

    private void bindList(String path, YNode node) {
        if (!(node instanceof YNode.YList list)) {
            error(node.location(), path, "expected a list, like [a, b]");
            return;
        }
        List<String> items = new ArrayList<>();
        for (YNode item : list.items()) {
            if (item instanceof YNode.YScalar s && !s.isNull() && !s.value().isBlank()) {
                items.add(s.value());
            } else {
                error(item.location(), path, "list items must be plain names");
            }
        }
        values.put(path, List.copyOf(items));
    }

    private void error(Location at, String path, String message) {
        findings.add(Finding.error(at, path.isEmpty() ? "(root)" : path, message));
    }
}
