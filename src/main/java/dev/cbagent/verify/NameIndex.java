package dev.cbagent.verify;

import dev.cbagent.api.MachineResource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources of one round, keyed by name so that each host finds its matches in constant time: every name is
 * lower-cased once, filed under itself and, for an FQDN, under its short name. {@link #named} returns exactly the
 * resources {@link HostNames#matches} accepts, in the order they were given.
 */
public final class NameIndex {
    private final Map<String, List<Entry>> byName = new HashMap<>();
    private final Map<String, List<Entry>> byShortNameOfFqdn = new HashMap<>();

    private record Entry(int order, MachineResource resource, boolean fqdn) {
    }

    private NameIndex() {
    }

    public static NameIndex of(Collection<MachineResource> resources) {
        NameIndex index = new NameIndex();
        int order = 0;
        for (MachineResource r : resources) {
            String name = r.name() == null ? "" : HostNames.canonical(r.name());
            if (name.isEmpty()) {
                continue;
            }
            boolean fqdn = HostNames.hasDomain(name);
            Entry entry = new Entry(order++, r, fqdn);
            index.byName.computeIfAbsent(name, k -> new ArrayList<>(1)).add(entry);
            if (fqdn) {
                index.byShortNameOfFqdn.computeIfAbsent(HostNames.shortName(name), k -> new ArrayList<>(1)).add(entry);
            }
        }
        return index;
    }

    /** The resources named like {@code host}: the same name in any case, or its short name against an FQDN. */
    public List<MachineResource> named(String host) {
        String name = host == null ? "" : HostNames.canonical(host);
        if (name.isEmpty()) {
            return List.of();
        }
        List<Entry> found = new ArrayList<>(byName.getOrDefault(name, List.of()));
        if (HostNames.hasDomain(name)) {
            byName.getOrDefault(HostNames.shortName(name), List.of()).stream().filter(e -> !e.fqdn())
                    .forEach(found::add);
        } else {
            found.addAll(byShortNameOfFqdn.getOrDefault(name, List.of()));
        }
        found.sort(java.util.Comparator.comparingInt(Entry::order));
        List<MachineResource> out = new ArrayList<>(found.size());
        found.forEach(e -> out.add(e.resource()));
        return out;
    }
}
