package dev.cbagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.plan.ApiStep;
import dev.cbagent.plan.Plan;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.text.Durations;
import dev.cbagent.protect.MachineProtection;
import dev.cbagent.protect.ProtectionReport;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Text and JSON of the {@code protection:} section: its API calls in a plan, and what it did in a result. */
final class ProtectionRender {
    private ProtectionRender() {
    }

    /** {@code {"group", "createGroup", "plan", "waitDeployed", "runNow", "runTimeout", "api": [...]}} or null. */
    static JsonNode plan(Plan plan) {
        ProtectionPlan p = plan.protection();
        if (p == null) {
            return NullNode.getInstance();
        }
        ObjectNode node = Json.object();
        node.put("group", p.group());
        node.put("createGroup", p.createGroup());
        node.put("plan", p.plan());
        node.put("waitDeployed", Durations.format(p.waitDeployed()));
        node.put("runNow", p.runNow());
        node.put("runTimeout", p.runNow() ? Durations.format(p.runTimeout()) : null);
        ArrayNode api = node.putArray("api");
        for (ApiStep step : p.apiSteps(hostname(plan))) {
            ObjectNode s = api.addObject();
            s.put("method", step.method());
            s.put("path", step.path());
            s.set("body", step.body() == null ? NullNode.getInstance() : Json.mapper().valueToTree(step.body()));
            s.put("when", step.when());
        }
        return node;
    }

    static void planText(Plan plan, PrintWriter out) {
        ProtectionPlan p = plan.protection();
        if (p == null) {
            return;
        }
        out.println("protection (API calls once the registration is confirmed):");
        int n = 1;
        for (ApiStep step : p.apiSteps(hostname(plan))) {
            out.printf("  api " + n++ + ": %s %s%s%n", step.method(), step.path(),
                    step.body() == null ? "" : " " + Json.mapper().valueToTree(step.body()));
            out.printf("         %s%n", step.when());
        }
    }

    /** What protection did, flat for {@code jq} and Ansible; null when there was none. */
    static JsonNode result(ProtectionReport report) {
        if (report == null) {
            return NullNode.getInstance();
        }
        MachineProtection m = report.machines().isEmpty() ? null : report.machines().get(0);
        ObjectNode node = Json.object();
        node.put("changed", report.changed());
        node.put("preview", report.preview());
        node.put("group", report.group() != null ? report.group().name() : report.groupName());
        node.put("groupId", report.group() == null ? null : report.group().id());
        node.put("groupCreated", report.groupCreated());
        node.put("addedToGroup", m != null && m.added());
        node.put("plan", report.policy() == null ? null : report.policy().name());
        node.put("planId", report.policy() == null ? null : report.policy().id());
        node.put("planApplied", m != null && m.applied());
        node.put("deploymentState", m == null ? null : m.deploymentState());
        node.put("deployed", m != null && m.deployed());
        node.put("ran", m != null && m.ran());
        node.put("runStatus", m == null ? null : m.runStatus());
        ArrayNode warnings = node.putArray("warnings");
        report.warnings().forEach(warnings::add);
        node.put("error", m == null ? null : m.error());
        return node;
    }

    static void resultText(ProtectionReport report, PrintWriter out) {
        if (report == null) {
            return;
        }
        MachineProtection m = report.machines().isEmpty() ? null : report.machines().get(0);
        List<String> parts = new ArrayList<>();
        String would = report.preview() ? "would be " : "";
        if (report.groupName() != null) {
            String name = report.group() != null ? report.group().name() : report.groupName();
            parts.add("group '" + name + "'" + (report.groupCreated() ? " (" + would + "created)" : "")
                    + (m != null && m.added() ? " (" + would + "added)" : ""));
        }
        if (report.policy() != null) {
            String state = m == null || m.deploymentState() == null ? "" : ", " + m.deploymentState();
            parts.add("plan '" + report.policy().name() + "'" + (m != null && m.applied() ? " (" + would + "applied"
                    + state + ")" : state.isEmpty() ? "" : " (" + state.substring(2) + ")")
                    + (m != null && m.ran() ? ", ran: " + m.runStatus() : ""));
        }
        out.println("protection: " + String.join("; ", parts));
    }

    private static String hostname(Plan plan) {
        return plan.verify() == null ? "this machine" : plan.verify().hostname();
    }
}
