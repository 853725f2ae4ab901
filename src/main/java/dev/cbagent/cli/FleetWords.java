package dev.cbagent.cli;

import dev.cbagent.fleet.FleetReport;
import dev.cbagent.fleet.HostResult;

import java.util.ArrayList;
import java.util.List;

/**
 * How a fleet command sums up its report in the JSON envelope: {@code status} is {@code stopped} for an
 * interrupted run, {@code planned} for a dry run, else {@code fine} when every host is fine and {@code notFine}
 * otherwise; the error message counts the hosts that are not fine.
 */
record FleetWords(String fine, String notFine) {
    static final FleetWords RUN = new FleetWords("done", "failed");
    static final FleetWords STATUS = new FleetWords("registered", "incomplete");

    String status(FleetReport report) {
        if (report.stoppedNote() != null) {
            return "stopped";
        }
        if (!report.hosts().isEmpty() && report.count(HostResult.Status.PLANNED) == report.hosts().size()) {
            return "planned";
        }
        return report.allOk() ? fine : notFine;
    }

    /** One line: how many hosts need attention, and why ({@code 2 of 5 hosts failed, 1 installed}). */
    String problem(FleetReport report) {
        List<String> counts = new ArrayList<>();
        for (HostResult.Status status : HostResult.Status.values()) {
            long n = report.count(status);
            if (n > 0 && !List.of(HostResult.Status.REGISTERED, HostResult.Status.UNCHANGED, HostResult.Status.PLANNED)
                    .contains(status)) {
                counts.add(n + " " + status.word());
            }
        }
        long notFine = report.hosts().stream().filter(h -> !h.ok()).count();
        String line = notFine + " of " + report.hosts().size() + " hosts need attention"
                + (counts.isEmpty() ? "" : " (" + String.join(", ", counts) + ")");
        return report.stoppedNote() == null ? line : report.stoppedNote() + "; " + line;
    }
}
