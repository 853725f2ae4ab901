package dev.cbagent.fleet.hosts;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A host list as read: its hosts in order and, for an Ansible inventory, its groups.
 *
 * @param file   the list's name as given
 * @param hosts  every host
 * @param groups group name to the {@link Host#label()}s of its hosts (with those of its children; {@code all} and
 *               {@code ungrouped} included); empty for lists that are not inventories
 * @param names  a host's label to its name in the inventory (absent for other lists)
 */
public record HostList(String file, List<Host> hosts, Map<String, Set<String>> groups, Map<String, String> names) {
    public HostList {
        hosts = List.copyOf(hosts);
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        groups.forEach((g, members) -> copy.put(g, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(members))));
        groups = java.util.Collections.unmodifiableMap(copy);
        names = Map.copyOf(names);
    }

    public boolean isInventory() {
        return !groups.isEmpty();
    }
}
