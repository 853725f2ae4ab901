package dev.cbagent.fleet;

import dev.cbagent.protect.MachineProtection;
import dev.cbagent.protect.ProtectionReport;

/**
 * What the profile's {@code protection:} section did for one host of a fleet.
 *
 * @param group           the group's name as asked for; null when none
 * @param plan            the plan's name; null when none
 * @param changed         anything changed for this host (added to the group, plan applied, run started)
 * @param addedToGroup    added to the group now
 * @param planApplied     the plan applied to it now
 * @param deployed        the plan is deployed on it
 * @param deploymentState the last deployment state seen; null when none was shown
 * @param ran             a run started now finished
 * @param runStatus       the status that run ended with; null when there was none
 * @param error           why the host is not protected as asked; null when it is
 */
public record HostProtection(String group, String plan, boolean changed, boolean addedToGroup, boolean planApplied,
                             boolean deployed, String deploymentState, boolean ran, String runStatus, String error) {
    static HostProtection of(ProtectionReport report, MachineProtection m) {
        return new HostProtection(report.groupName(), report.policy() == null ? null : report.policy().name(),
                m.changed(), m.added(), m.applied(), m.deployed(), m.deploymentState(), m.ran(), m.runStatus(),
                m.error());
    }

    static HostProtection failed(String group, String plan, String error) {
        return new HostProtection(group, plan, false, false, false, false, null, false, null, error);
    }
}
