package dev.cbagent.protect;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of protecting a batch of machines.
 *
 * @param group        the group, or null when none was asked for (or, in a preview, it does not exist yet)
 * @param groupName    the group's name as asked for; null when none
 * @param groupCreated the group was created now (in a preview: would be)
 * @param policy       the plan, or null when none was asked for
 * @param preview      nothing was changed: the flags say what would be
 * @param warnings     what the server warned about (issues of a 200 answer, a disabled plan, a run with warnings)
 * @param machines     one entry per machine, in the order given
 */
public record ProtectionReport(GroupRef group, String groupName, boolean groupCreated, PolicyRef policy,
                               boolean preview, List<String> warnings, List<MachineProtection> machines) {
    public ProtectionReport {
        warnings = List.copyOf(warnings);
        machines = List.copyOf(machines);
    }

    public boolean changed() {
        return groupCreated || machines.stream().anyMatch(MachineProtection::changed);
    }

    public boolean failed() {
        return machines.stream().anyMatch(MachineProtection::failed);
    }

    public Optional<MachineProtection> machine(String resourceId) {
        return machines.stream().filter(m -> m.machine().resourceId().equals(resourceId)).findFirst();
    }
}
