package dev.cbagent.fleet.hosts;

import dev.cbagent.profile.Finding;
import dev.cbagent.profile.ProfileException;
import dev.cbagent.profile.Suggestions;
import dev.cbagent.profile.yaml.YNode;
import dev.cbagent.profile.yaml.YamlReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A YAML host list: {@code defaults:} (any host key but address and hostname) and {@code hosts:}, a list of
 * mappings or of {@code [user@]host[:port]} strings.
 */
final class YamlHostList {
    static final List<String> HOST_KEYS = List.of("address", "port", "user", "hostname", "identityFile", "password",
            "sudo", "platform", "profile", "env");
    static final List<String> DEFAULT_KEYS = HOST_KEYS.stream()
            .filter(k -> !k.equals("address") && !k.equals("hostname")).toList();
    static final List<String> TOP_KEYS = List.of("defaults", "hosts");

    private final String file;
    private final List<HostListProblem> problems;

    private YamlHostList(String file, List<HostListProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    static List<RawHost> parse(String file, String text, List<HostListProblem> problems) {
        YNode root = tree(file, text, problems);
        return root == null ? List.of() : new YamlHostList(file, problems).hosts(root);
    }

    /** An unknown key, quoted only when it is a plain word (never a line of some other file). */
    static String unknownKey(String key, List<String> known) {
        return Suggestions.isPlainKey(key) ? "unknown key '" + key + "'" + Suggestions.didYouMean(key, known)
                : "a line that is not a key of a host list (its text is not shown)";
    }

    private List<RawHost> hosts(YNode root) {
        if (!(root instanceof YNode.YMap top)) {
            problem(root, "expected a mapping with 'defaults:' and 'hosts:'");
            return List.of();
        }
        RawHost defaults = new RawHost(1);
        YNode.YList list = null;
        for (Map.Entry<String, YNode.Entry> e : top.entries().entrySet()) {
            switch (e.getKey()) {
                case "defaults" -> defaults = mapping(e.getValue().value(), DEFAULT_KEYS, "defaults");
                case "hosts" -> {
                    if (e.getValue().value() instanceof YNode.YList l) {
                        list = l;
                    } else {
                        problem(e.getValue().value(), "hosts: expected a list of hosts");
                    }
                }
                default -> problems.add(new HostListProblem(file, e.getValue().keyLocation().line(),
                        unknownKey(e.getKey(), TOP_KEYS)));
            }
        }
        if (list == null) {
            if (!top.entries().containsKey("hosts")) {
                problems.add(new HostListProblem(file, 1, "no 'hosts:' list"));
            }
            return List.of();
        }
        List<RawHost> hosts = new ArrayList<>();
        for (YNode item : list.items()) {
            RawHost raw;
            if (item instanceof YNode.YScalar scalar && !scalar.isNull()) {
                raw = HostAddress.parse(scalar.value(), line(item)).orElse(null);
                if (raw == null) {
                    problem(item, "expected [user@]host[:port], got " + HostAddress.shown(scalar.value()));
                    continue;
                }
            } else {
                raw = mapping(item, HOST_KEYS, "host");
            }
            hosts.add(raw.over(defaults));
        }
        return hosts;
    }

    private RawHost mapping(YNode node, List<String> allowed, String what) {
        RawHost raw = new RawHost(line(node));
        if (!(node instanceof YNode.YMap map)) {
            problem(node, what + ": expected a mapping of " + String.join(", ", allowed));
            return raw;
        }
        for (Map.Entry<String, YNode.Entry> e : map.entries().entrySet()) {
            String key = e.getKey();
            int keyLine = e.getValue().keyLocation().line();
            YNode value = e.getValue().value();
            if (!allowed.contains(key)) {
                String hint = HOST_KEYS.contains(key) ? " (not allowed in " + what + ")" : Suggestions.didYouMean(key, allowed);
                problems.add(new HostListProblem(file, keyLine, Suggestions.isPlainKey(key) ? "unknown key '" + key + "'" + hint : unknownKey(key, List.of())));
            } else if (key.equals("env")) {
                env(value, raw);
            } else if (value instanceof YNode.YScalar scalar) {
                if (!scalar.isNull()) {
                    raw.put(key, scalar.value(), keyLine);
                }
            } else {
                problems.add(new HostListProblem(file, keyLine, key + ": expected a single value"));
            }
        }
        return raw;
    }

    private void env(YNode node, RawHost raw) {
        if (!(node instanceof YNode.YMap map)) {
            problem(node, "env: expected a mapping of NAME: value");
            return;
        }
        raw.lines.put("env", line(node));
        for (Map.Entry<String, YNode.Entry> e : map.entries().entrySet()) {
            if (e.getValue().value() instanceof YNode.YScalar scalar && !scalar.isNull()) {
                raw.env.put(e.getKey(), scalar.value());
            } else {
                problems.add(new HostListProblem(file, e.getValue().keyLocation().line(),
                        "env." + e.getKey() + ": expected a single value"));
            }
        }
    }

    private void problem(YNode node, String message) {
        problems.add(new HostListProblem(file, line(node), message));
    }

    private static int line(YNode node) {
        return node.location().line();
    }

    /** The YAML tree of a host list or inventory; null, with its mistakes added to {@code problems}, when it has none. */
    static YNode tree(String file, String text, List<HostListProblem> problems) {
        try {
            return new YamlReader().parse(file, text);
        } catch (ProfileException e) {
            for (Finding f : e.findings()) {
                problems.add(new HostListProblem(file, f.location().line(), f.message()));
            }
            return null;
        }
    }
}
