package dev.cbagent.fleet;

import java.util.List;

/**
 * The outcome of a fleet run, one result per host in host-list order.
 *
 * @param hosts       the results
 * @param stoppedNote where an interrupted run stopped (null when it ran to the end)
 */
public record FleetReport(List<HostResult> hosts, String stoppedNote) {
    public FleetReport {
        hosts = List.copyOf(hosts);
    }

    public long count(HostResult.Status status) {
        return hosts.stream().filter(h -> h.status() == status).count();
    }

    public boolean allOk() {
        return hosts.stream().allMatch(HostResult::ok);
    }
}
