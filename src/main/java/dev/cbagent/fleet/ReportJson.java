package dev.cbagent.fleet;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The report as DESIGN.md "Fleets" defines it: {@code {"summary": {...}, "hosts": [...]}}, plus {@code summary.installed}
 * when a stopped run left hosts installed but not confirmed, and per failed host {@code log} (its local log file)
 * and {@code output} (the installer's last lines, masked) when there are such.
 */
public final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many of a failed installer's last lines the report carries (all of them are in the host's log). */
    public static final int OUTPUT_LINES = dev.cbagent.exec.OutputTail.KEPT;

    private ReportJson() {
    }

    public static ObjectNode render(FleetReport report) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode summary = root.putObject("summary");
        summary.put("total", report.hosts().size());
        summary.put("registered", report.count(HostResult.Status.REGISTERED));
        summary.put("unchanged", report.count(HostResult.Status.UNCHANGED));
        if (report.count(HostResult.Status.INSTALLED) > 0) {
            summary.put("installed", report.count(HostResult.Status.INSTALLED));
        }
        summary.put("failed", report.count(HostResult.Status.FAILED));
        for (HostResult.Status extra : List.of(HostResult.Status.OFFLINE, HostResult.Status.MISSING,
                HostResult.Status.CONFLICT, HostResult.Status.PLANNED)) {
            if (report.count(extra) > 0) {
                summary.put(extra.word(), report.count(extra));
            }
        }
        ArrayNode hosts = root.putArray("hosts");
        for (HostResult h : report.hosts()) {
            ObjectNode node = hosts.addObject();
            node.put("address", h.address());
            node.put("hostname", h.hostname());
            node.put("status", h.status().word());
            node.put("changed", h.changed());
            node.put("step", h.step());
            if (h.exitCode() == null) {
                node.putNull("exitCode");
            } else {
                node.put("exitCode", h.exitCode());
            }
            node.put("error", h.error());
            node.put("resourceId", h.resourceId());
            node.put("durationMs", h.durationMs());
            node.put("rebootRequired", h.rebootRequired());
            if (h.route() != null) {
                node.put("route", h.route());
            }
            if (h.argv() != null) {
                ArrayNode argv = node.putArray("argv");
                h.argv().forEach(argv::add);
            }
            if (h.server() != null) {
                node.put("server", h.server());
            }
            if (h.log() != null) {
                node.put("log", h.log().toString());
            }
            if (h.output() != null) {
                ArrayNode lines = node.putArray("output");
                h.lastLines(OUTPUT_LINES).forEach(lines::add);
            }
            if (h.protection() != null) {
                HostProtection p = h.protection();
                ObjectNode protection = node.putObject("protection");
                protection.put("group", p.group());
                protection.put("plan", p.plan());
                protection.put("changed", p.changed());
                protection.put("addedToGroup", p.addedToGroup());
                protection.put("planApplied", p.planApplied());
                protection.put("deployed", p.deployed());
                protection.put("deploymentState", p.deploymentState());
                protection.put("ran", p.ran());
                protection.put("runStatus", p.runStatus());
                protection.put("error", p.error());
            }
        }
        return root;
    }

    public static String write(FleetReport report) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(render(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the report", e);
        }
    }
}
