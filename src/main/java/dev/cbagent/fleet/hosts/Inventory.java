package dev.cbagent.fleet.hosts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An Ansible inventory as parsed (INI or YAML): groups with their variables, children and hosts, and hosts with
 * their own variables. {@link #resolve} turns it into host-list entries the way Ansible merges variables: the
 * {@code all} group first, then every group of the host from the shallowest to the deepest (by name within one
 * depth), then the host's own; the last value wins.
 */
final class Inventory {
    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";
    private static final Pattern IP_V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    record Var(String value, int line) {
    }

    static final class Group {
        final String name;
        final int line;
        final Map<String, Var> vars = new LinkedHashMap<>();
        final Set<String> children = new LinkedHashSet<>();
        final Set<String> hosts = new LinkedHashSet<>();

        Group(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }

    static final class Member {
        final String name;
        final int line;
        final Map<String, Var> vars = new LinkedHashMap<>();

        Member(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }

    private final String file;
    private final List<HostListProblem> problems;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Member> hosts = new LinkedHashMap<>();

    Inventory(String file, List<HostListProblem> problems) {
        this.file = file;
        this.problems = problems;
        group(ALL, 1);
        group(UNGROUPED, 1);
    }

    Group group(String name, int line) {
        return groups.computeIfAbsent(name, n -> new Group(n, line));
    }

    /** The host (created at its first mention) as a member of {@code group}. */
    Member host(String name, int line, Group group) {
        Member m = hosts.computeIfAbsent(name, n -> new Member(n, line));
        group.hosts.add(name);
        return m;
    }

    void problem(int line, String message) {
        problems.add(new HostListProblem(file, line, message));
    }

    /** Every host with its merged variables and groups, in the order the inventory first names them. */
    List<RawHost> resolve() {
        Map<String, Set<String>> parents = new HashMap<>();
        for (Group g : groups.values()) {
            for (String child : g.children) {
                if (child.equals(ALL)) {
                    problem(g.line, "group '" + g.name + "' cannot have 'all' as a child");
                    continue;
                }
                parents.computeIfAbsent(child, k -> new LinkedHashSet<>()).add(g.name);
            }
        }
        for (Group g : groups.values()) {
            if (!g.name.equals(ALL) && !parents.containsKey(g.name)) {
                parents.computeIfAbsent(g.name, k -> new LinkedHashSet<>()).add(ALL);
            }
        }
        Map<String, Integer> depth = new HashMap<>();
        depth.put(ALL, 0);
        for (Group g : groups.values()) {
            if (depth(g.name, parents, depth, new HashSet<>()) < 0) {
                return List.of();
            }
        }
        Map<String, Set<String>> memberOf = new LinkedHashMap<>();
        for (Group g : groups.values()) {
            for (String h : g.hosts) {
                memberOf.computeIfAbsent(h, k -> new LinkedHashSet<>()).add(g.name);
            }
        }
        List<RawHost> out = new ArrayList<>();
        for (Member m : hosts.values()) {
            Set<String> all = new LinkedHashSet<>();
            for (String g : memberOf.getOrDefault(m.name, Set.of())) {
                ancestors(g, parents, all);
            }
            all.add(ALL);
            if (all.stream().noneMatch(g -> !g.equals(ALL) && !g.equals(UNGROUPED))) {
                all.add(UNGROUPED);
            }
            List<String> ordered = all.stream().sorted(Comparator.<String>comparingInt(depth::get)
                    .thenComparing(Comparator.naturalOrder())).toList();
            Map<String, Var> merged = new LinkedHashMap<>();
            for (String g : ordered) {
                Group group = groups.get(g);
                if (group != null) {
                    merged.putAll(group.vars);
                }
            }
            merged.putAll(m.vars);
            out.add(raw(m, merged, ordered));
        }
        return out;
    }

    private RawHost raw(Member m, Map<String, Var> vars, List<String> memberGroups) {
        RawHost raw = new RawHost(m.line);
        boolean addressGiven = false;
        for (Map.Entry<String, Var> e : vars.entrySet()) {
            String why = AnsibleVars.check(e.getKey(), e.getValue().value());
            if (why != null) {
                problem(e.getValue().line(), why);
                continue;
            }
            if (e.getKey().startsWith(AnsibleVars.ENV_PREFIX) && e.getKey().length() > AnsibleVars.ENV_PREFIX.length()) {
                raw.env.put(e.getKey().substring(AnsibleVars.ENV_PREFIX.length()), e.getValue().value());
                raw.lines.putIfAbsent("env", e.getValue().line());
                continue;
            }
            String[] kv = AnsibleVars.map(e.getKey(), e.getValue().value());
            if (kv != null) {
                raw.put(kv[0], kv[1], e.getValue().line());
                addressGiven |= kv[0].equals("address");
            }
        }
        Var shell = vars.get(AnsibleVars.SHELL_TYPE);
        if (shell != null && !raw.values.containsKey("platform") && AnsibleVars.platformOfShell(shell.value()) != null) {
            raw.put("platform", AnsibleVars.platformOfShell(shell.value()), shell.line());
        }
        if (!addressGiven) {
            raw.put("address", m.name, m.line);
        }
        // The inventory name is the machine's name on the server, unless it is only an address.
        if (!IP_V4.matcher(m.name).matches() && m.name.indexOf(':') < 0) {
            raw.put("hostname", m.name, m.line);
        }
        raw.groups.addAll(memberGroups);
        raw.name = m.name;
        return raw;
    }

    /** The group's depth below {@code all} (its longest way up); -1 after reporting a cycle. */
    private int depth(String group, Map<String, Set<String>> parents, Map<String, Integer> depth, Set<String> path) {
        if (group.equals(ALL)) {
            return 0;
        }
        Integer known = depth.get(group);
        if (known != null) {
            return known;
        }
        if (!path.add(group)) {
            problem(groups.get(group).line, "group '" + group + "' is its own child (a cycle in :children)");
            return -1;
        }
        int d = 0;
        for (String parent : parents.getOrDefault(group, Set.of(ALL))) {
            int pd = depth(parent, parents, depth, path);
            if (pd < 0) {
                return -1;
            }
            d = Math.max(d, pd + 1);
        }
        path.remove(group);
        depth.put(group, d);
        return d;
    }

    private static void ancestors(String group, Map<String, Set<String>> parents, Set<String> into) {
        if (!into.add(group)) {
            return;
        }
        for (String parent : parents.getOrDefault(group, Set.of())) {
            ancestors(parent, parents, into);
        }
    }
}
