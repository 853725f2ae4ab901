package dev.cbagent.fleet.hosts;

import dev.cbagent.profile.Suggestions;
import dev.cbagent.profile.yaml.YNode;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An Ansible YAML inventory: a top-level {@code all:} (and possibly more top-level groups), each group a mapping of
 * {@code hosts:} (name to its variables, or nothing), {@code vars:} and {@code children:} (name to a group).
 */
final class YamlInventory {
    static final List<String> GROUP_KEYS = List.of("hosts", "vars", "children");
    private static final Pattern TOP_LEVEL_ALL = Pattern.compile("all:(\\s*(#.*)?|\\s+\\{.*)");

    private final Inventory inventory;

    private YamlInventory(Inventory inventory) {
        this.inventory = inventory;
    }

    /** Whether a parsed YAML document is an inventory: a mapping with a top-level {@code all:}. */
    static boolean isInventory(YNode root) {
        return root instanceof YNode.YMap map && map.entries().containsKey(Inventory.ALL);
    }

    /** Whether the text has a top-level {@code all:} key, without parsing it. */
    static boolean looksLikeInventory(String text) {
        return text.lines().anyMatch(l -> l.startsWith("all:") && TOP_LEVEL_ALL.matcher(l).matches());
    }

    static List<RawHost> parse(String file, String text, List<HostListProblem> problems) {
        YNode root = YamlHostList.tree(file, text, problems);
        return root == null ? List.of() : parse(file, root, problems);
    }

    static List<RawHost> parse(String file, YNode root, List<HostListProblem> problems) {
        Inventory inventory = new Inventory(file, problems);
        int before = problems.size();
        YamlInventory reader = new YamlInventory(inventory);
        if (!(root instanceof YNode.YMap top)) {
            inventory.problem(root.location().line(), "expected a mapping with 'all:'");
            return List.of();
        }
        for (Map.Entry<String, YNode.Entry> e : top.entries().entrySet()) {
            reader.group(e.getKey(), e.getValue().keyLocation().line(), e.getValue().value());
        }
        if (problems.size() > before) {
            return List.of();
        }
        List<RawHost> hosts = inventory.resolve();
        return problems.size() > before ? List.of() : hosts;
    }

    private void group(String name, int line, YNode node) {
        Inventory.Group group = inventory.group(name, line);
        if (node instanceof YNode.YScalar s && s.isNull()) {
            return;
        }
        if (!(node instanceof YNode.YMap map)) {
            inventory.problem(line, "group '" + name + "': expected a mapping of hosts:, vars: and children:");
            return;
        }
        for (Map.Entry<String, YNode.Entry> e : map.entries().entrySet()) {
            int keyLine = e.getValue().keyLocation().line();
            YNode value = e.getValue().value();
            if (value instanceof YNode.YScalar s && s.isNull()) {
                continue;
            }
            switch (e.getKey()) {
                case "hosts" -> {
                    if (!(value instanceof YNode.YMap hosts)) {
                        inventory.problem(keyLine, name + ".hosts: expected a mapping of host names (each to its "
                                + "variables, or nothing)");
                        continue;
                    }
                    for (Map.Entry<String, YNode.Entry> h : hosts.entries().entrySet()) {
                        Inventory.Member m = inventory.host(h.getKey(), h.getValue().keyLocation().line(), group);
                        vars(name + ".hosts." + h.getKey(), h.getValue().keyLocation().line(), h.getValue().value(),
                                m.vars);
                    }
                }
                case "vars" -> vars(name + ".vars", keyLine, value, group.vars);
                case "children" -> {
                    if (!(value instanceof YNode.YMap children)) {
                        inventory.problem(keyLine, name + ".children: expected a mapping of group names");
                        continue;
                    }
                    for (Map.Entry<String, YNode.Entry> c : children.entries().entrySet()) {
                        group.children.add(c.getKey());
                        group(c.getKey(), c.getValue().keyLocation().line(), c.getValue().value());
                    }
                }
                default -> inventory.problem(keyLine, "group '" + name + "': unknown key '" + e.getKey() + "'"
                        + Suggestions.didYouMean(e.getKey(), GROUP_KEYS) + "; a group has hosts:, vars: and children:");
            }
        }
    }

    private void vars(String where, int line, YNode node, Map<String, Inventory.Var> into) {
        if (node instanceof YNode.YScalar s && s.isNull()) {
            return;
        }
        if (!(node instanceof YNode.YMap map)) {
            inventory.problem(line, where + ": expected a mapping of variables");
            return;
        }
        for (Map.Entry<String, YNode.Entry> e : map.entries().entrySet()) {
            int keyLine = e.getValue().keyLocation().line();
            if (e.getValue().value() instanceof YNode.YScalar s) {
                if (!s.isNull()) {
                    into.put(e.getKey(), new Inventory.Var(s.value(), keyLine));
                }
            } else if (AnsibleVars.KEYS.containsKey(e.getKey())) {
                inventory.problem(keyLine, where + "." + e.getKey() + ": expected a single value");
            }
        }
    }
}
