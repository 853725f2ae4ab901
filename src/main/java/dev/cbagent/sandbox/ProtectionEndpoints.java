package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/groups}, {@code /api/v1/policies} and {@code /api/v1/policy_applications[:run]} (guide 2.9,
 * 2.10.2–2.10.4); the caller has checked the Bearer token.
 */
final class ProtectionEndpoints {
    private final SandboxGroups groups;
    private final SandboxPolicies policies;
    private final FaultSwitches faults;
    private final Clock clock;

    ProtectionEndpoints(SandboxGroups groups, SandboxPolicies policies, FaultSwitches faults, Clock clock) {
        this.groups = groups;
        this.policies = policies;
        this.faults = faults;
        this.clock = clock;
    }

    static boolean handles(String first) {
        return first.equals("groups") || first.equals("policies") || first.startsWith("policy_applications");
    }

    /** @param parts the path after {@code /api/v1/}, split at {@code /} */
    void handle(Exchange exchange, String[] parts) throws IOException {
        Instant now = clock.instant();
        String first = parts[0];
        if (first.equals("groups")) {
            groups(exchange, parts, now);
        } else if (first.equals("policies")) {
            policies(exchange, parts);
        } else if (first.equals("policy_applications") && parts.length == 1) {
            applications(exchange, now);
        } else if (first.equals("policy_applications:run") && parts.length == 1) {
            exchange.requireMethod("POST");
            JsonNode body = exchange.bodyJson();
            String policyId = required(body, "policy_id");
            String state = body.path("state").asText("RUNNING");
            if (state.equalsIgnoreCase("RUNNING")) {
                policies.run(policyId, texts(body.path("context_ids")), now, faults.runTakesMs(), faults.runFails());
            } else if (!state.equalsIgnoreCase("IDLE")) {
                throw new SandboxRejection(400, "state is RUNNING or IDLE");
            }
            exchange.sendEmpty(202);
        } else {
            throw new SandboxRejection(404, "no such endpoint: " + exchange.path());
        }
    }

    private void groups(Exchange exchange, String[] parts, Instant now) throws IOException {
        if (parts.length == 1) {
            exchange.requireMethod("POST");
            exchange.send(201, groups.create(exchange.bodyJson(), now));
        } else if (parts.length == 3 && parts[2].equals("resources")) {
            exchange.requireMethod("PATCH");
            groups.patch(decode(parts[1]), exchange.bodyJson(), now);
            exchange.sendEmpty(204);
        } else {
            throw new SandboxRejection(404, "no such endpoint: " + exchange.path());
        }
    }

    private void policies(Exchange exchange, String[] parts) throws IOException {
        exchange.requireMethod("GET");
        if (parts.length == 2) {
            String id = decode(parts[1]);
            exchange.send(200, policies.policy(id).orElseThrow(() -> new SandboxRejection(404, "plan " + id + " not found")));
            return;
        }
        if (parts.length != 1) {
            throw new SandboxRejection(404, "no such endpoint: " + exchange.path());
        }
        exchange.send(200, ListRequest.parse(exchange.rawQuery()).page(policies.policies(), p -> p, p -> {
            ObjectNode wrapped = exchange.object();
            wrapped.set("policy", p);
            return wrapped;
        }, exchange.object()));
    }

    private void applications(Exchange exchange, Instant now) throws IOException {
        if (exchange.method().equals("POST")) {
            JsonNode body = exchange.bodyJson();
            String policyId = required(body, "policy_id");
            List<String> contexts = texts(body.path("context").path("items"));
            if (contexts.isEmpty()) {
                throw new SandboxRejection(400, "context.items must list at least one resource id");
            }
            policies.apply(policyId, contexts, now, faults.deployAfterMs());
            if (faults.applyIssues()) {
                ObjectNode answer = exchange.object();
                ObjectNode issue = answer.putArray("issues").addObject();
                issue.put("severity", "WARNING");
                issue.put("message", "the backup location of the plan is almost full (sandbox fault)");
                exchange.send(200, answer);
            } else {
                exchange.sendEmpty(204);
            }
            return;
        }
        exchange.requireMethod("GET");
        Map<String, FilterExpression> filters = filters(exchange.rawQuery());
        ObjectNode body = exchange.object();
        ArrayNode inner = body.putArray("items").addArray();
        for (SandboxPolicies.Shown shown : policies.shown(now, faults.neverDeployed(), faults.upperCaseFields())) {
            if (matches(shown.view(), filters)) {
                inner.add(shown.item());
            }
        }
        body.putObject("paging").putObject("cursors").put("total", inner.size());
        exchange.send(200, body);
    }

    private static Map<String, FilterExpression> filters(String rawQuery) {
        Map<String, FilterExpression> filters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return filters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = FilterExpression.decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.equals("policy_id") || name.equals("context_id") || name.equals("id")) {
                filters.put(name, FilterExpression.parse(eq < 0 ? "" : pair.substring(eq + 1)));
            }
        }
        return filters;
    }

    private static boolean matches(ObjectNode view, Map<String, FilterExpression> filters) {
        return filters.entrySet().stream().allMatch(f -> f.getValue().test(view.path(f.getKey()).asText(null)));
    }

    private static String required(JsonNode body, String field) {
        String value = body.path(field).asText("");
        if (value.isBlank()) {
            throw new SandboxRejection(400, field + " is required");
        }
        return value;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
