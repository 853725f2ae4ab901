package dev.cbagent.fleet;

import dev.cbagent.exec.PosixShell;
import dev.cbagent.exec.WindowsCommandLine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The text summary printed at the end: one row per host, then the totals. */
public final class SummaryTable {
    private static final int ERROR_WIDTH = 70;

    private SummaryTable() {
    }

    public static String render(FleetReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ADDRESS", "HOSTNAME", "STATUS", "STEP", "EXIT", "DETAIL"});
        for (HostResult h : report.hosts()) {
            String detail = h.ok() ? (h.resourceId() == null ? "" : "resource " + h.resourceId())
                    : h.error() == null ? "" : h.error();
            if (detail.length() > ERROR_WIDTH) {
                detail = detail.substring(0, ERROR_WIDTH - 3) + "...";
            }
            rows.add(new String[] {h.address(), h.hostname() == null ? "-" : h.hostname(), h.status().word(),
                    h.ok() ? "" : String.valueOf(h.step()), h.exitCode() == null ? "" : String.valueOf(h.exitCode()),
                    detail});
        }
        int[] widths = new int[6];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String[] row : rows) {
            line.setLength(0);
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        StringBuilder totals = new StringBuilder(report.hosts().size() + " hosts:");
        String sep = " ";
        for (HostResult.Status s : HostResult.Status.values()) {
            long n = report.count(s);
            boolean always = s == HostResult.Status.REGISTERED || s == HostResult.Status.UNCHANGED
                    || s == HostResult.Status.FAILED;
            if (n > 0 || always) {
                totals.append(sep).append(n).append(' ').append(s.word());
                sep = ", ";
            }
        }
        out.append(totals).append(String.format("%n"));
        Map<Route, String> rendered = new HashMap<>(); // a dry run's hosts of one profile share one command line
        for (HostResult h : report.hosts()) {
            if (h.argv() != null && h.route() != null) {
                out.append(h.address()).append(" via ").append(h.route()).append(": ")
                        .append(rendered.computeIfAbsent(new Route(h.route(), h.argv()), SummaryTable::commandLine))
                        .append('\n');
            }
        }
        report.hosts().stream().filter(h -> h.log() != null).findFirst().ifPresent(h -> out.append(
                "logs of failed hosts: ").append(h.log().getParent()).append('\n'));
        return out.toString();
    }

    /** A dry run's masked command line and the route it takes to the host. */
    private record Route(String route, List<String> argv) {
    }

    /** The command line as the host's shell would be given it. */
    private static String commandLine(Route r) {
        return RemoteShell.POWERSHELL.route().equals(r.route()) ? WindowsCommandLine.render(r.argv())
                : PosixShell.render(r.argv());
    }
}
