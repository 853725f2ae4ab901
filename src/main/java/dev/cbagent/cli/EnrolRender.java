package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.exec.StepOutcome;
import dev.cbagent.verify.Registration;
import dev.cbagent.workflow.EnrolResult;

import java.io.PrintWriter;

/** Text and JSON for install/register/unregister results. */
final class EnrolRender {
    private EnrolRender() {
    }

    static ObjectNode json(EnrolResult r) {
        ObjectNode node = Envelope.of(r.plan().action().label(), r.status(), r.changed(), r.exitCode(), r.error());
        node.put("action", r.plan().action().label());
        node.put("hostname", r.hostname());
        Registration reg = r.registration();
        node.put("resourceId", reg == null ? null : reg.resourceId());
        node.put("agentId", reg == null ? null : reg.agentId());
        if (reg == null) {
            node.putNull("online");
        } else {
            node.put("online", reg.online());
        }
        node.put("foundBy", reg == null ? null : reg.foundBy());
        ArrayNode duplicates = node.putArray("duplicates");
        r.duplicates().forEach(duplicates::add);
        node.put("rebootRequired", r.rebootRequired());
        ArrayNode steps = node.putArray("steps");
        for (StepOutcome s : r.steps()) {
            ObjectNode step = steps.addObject();
            step.put("name", s.name());
            step.put("exitCode", s.exitCode());
            step.put("durationMs", s.duration().toMillis());
            step.put("timedOut", s.timedOut());
            step.put("rebootRequired", s.rebootRequired());
            step.put("log", s.logFile().toString());
        }
        node.put("apiRequests", r.apiRequests());
        node.put("existingInstallation", r.existingInstallation());
        node.set("protection", ProtectionRender.result(r.protection()));
        node.set("plan", Render.plan(r.plan()));
        return node;
    }

    static void text(EnrolResult r, PrintWriter out, PrintWriter err) {
        if (r.error() != null) {
            err.println("cbagent: error: " + r.error());
        }
        Registration reg = r.registration();
        String where = reg == null ? "" : " (resource " + reg.resourceId() + ", agent " + reg.agentId()
                + (reg.online() ? ", online" : ", offline") + ")";
        out.printf("%s: %s%s%s%n", r.hostname() == null ? r.plan().action().label() : r.hostname(), r.status(), where,
                r.rebootRequired() ? "; a reboot is required to finish the installation" : "");
        ProtectionRender.resultText(r.protection(), out);
        if ("planned".equals(r.status())) {
            Render.planText(r.plan(), out);
        }
    }
}
