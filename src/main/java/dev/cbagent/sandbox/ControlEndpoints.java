package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The sandbox's own endpoints (no authentication; it listens on loopback):
 * {@code POST /sandbox/v1/agents}, {@code DELETE /sandbox/v1/agents/{name}}, {@code POST /sandbox/v1/machines},
 * {@code DELETE /sandbox/v1/machines/{id}}, {@code POST /sandbox/v1/resources},
 * {@code POST /sandbox/v1/policies}, {@code POST /sandbox/v1/groups},
 * {@code GET|POST /sandbox/v1/faults}, {@code GET /sandbox/v1/state}.
 */
final class ControlEndpoints {
    static final String PREFIX = "/sandbox/v1/";

    private final ObjectMapper json;
    private final Registrar registrar;
    private final Inventory inventory;
    private final FaultSwitches faults;
    private final RequestStats stats;
    private final TokenStore tokens;
    private final Clock clock;
    private final SandboxGroups groups;
    private final SandboxPolicies policies;
    private final String tenantId;

    ControlEndpoints(ObjectMapper json, Registrar registrar, Inventory inventory, FaultSwitches faults,
                     RequestStats stats, TokenStore tokens, Clock clock, SandboxGroups groups,
                     SandboxPolicies policies, String tenantId) {
        this.tenantId = tenantId;
        this.groups = groups;
        this.policies = policies;
        this.json = json;
        this.registrar = registrar;
        this.inventory = inventory;
        this.faults = faults;
        this.stats = stats;
        this.tokens = tokens;
        this.clock = clock;
    }

    void handle(Exchange exchange) throws IOException {
        String rest = exchange.path().substring(PREFIX.length());
        if (rest.equals("agents")) {
            exchange.requireMethod("POST");
            RegisteredAgent agent = registrar.register(exchange.body(AgentRegistration.class));
            ObjectNode body = exchange.object();
            body.put("resource_id", agent.resourceId());
            body.put("agent_id", agent.agentId());
            body.put("created", agent.created());
            body.put("takenOver", agent.takenOver());
            exchange.send(201, body);
        } else if (rest.startsWith("agents/") && rest.length() > "agents/".length()) {
            exchange.requireMethod("DELETE");
            String name = URLDecoder.decode(rest.substring("agents/".length()), StandardCharsets.UTF_8);
            String deleted = inventory.unregister(name, clock.instant())
                    .orElseThrow(() -> new SandboxRejection(404, "no registered agent named '" + name + "'"));
            ObjectNode body = exchange.object();
            body.put("resource_id", deleted);
            exchange.send(200, body);
        } else if (rest.equals("machines")) {
            exchange.requireMethod("POST");
            JsonNode request = exchange.bodyJson();
            String kind = request.path("kind").asText("");
            Inventory.SeedKind seedKind = switch (kind) {
                case "stale" -> Inventory.SeedKind.STALE;
                case "twin" -> Inventory.SeedKind.TWIN;
                default -> throw new SandboxRejection(400, "kind is stale or twin, got '" + kind + "'");
            };
            MachineIds ids = inventory.seedAgent(request.path("name").asText(""), seedKind, tenantId, clock.instant(),
                    faults.fqdnDomain());
            ObjectNode body = exchange.object();
            body.put("resource_id", ids.resourceId());
            body.put("agent_id", ids.agentId());
            exchange.send(201, body);
        } else if (rest.startsWith("machines/") && rest.length() > "machines/".length()) {
            exchange.requireMethod("DELETE");
            String id = URLDecoder.decode(rest.substring("machines/".length()), StandardCharsets.UTF_8);
            String deleted = inventory.unregisterById(id, clock.instant())
                    .orElseThrow(() -> new SandboxRejection(404, "no live registered machine with id " + id));
            ObjectNode body = exchange.object();
            body.put("resource_id", deleted);
            exchange.send(200, body);
        } else if (rest.equals("resources")) {
            exchange.requireMethod("POST");
            exchange.send(201, seed(exchange.bodyJson()));
        } else if (rest.equals("policies") || rest.equals("groups")) {
            exchange.requireMethod("POST");
            JsonNode body = exchange.bodyJson();
            ArrayNode stored = json.createArrayNode();
            for (JsonNode item : body.isArray() ? body : json.createArrayNode().add(body)) {
                if (!item.isObject()) {
                    throw new SandboxRejection(400, "send an object with a name, or an array of them");
                }
                stored.add(rest.equals("policies") ? policies.add(item, clock.instant())
                        : groups.seed(item.path("name").asText(""), item.path("id").asText(null), clock.instant()));
            }
            ObjectNode answer = json.createObjectNode();
            answer.set("items", stored);
            exchange.send(201, answer);
        } else if (rest.equals("faults")) {
            exchange.requireMethod("GET", "POST");
            if (exchange.method().equals("POST")) {
                faults.apply(exchange.bodyJson());
            }
            exchange.send(200, faults.toJson(json));
        } else if (rest.equals("state")) {
            exchange.requireMethod("GET");
            exchange.send(200, state());
        } else {
            throw new SandboxRejection(404, "no such endpoint: " + exchange.path());
        }
    }

    private ObjectNode seed(JsonNode body) {
        ArrayNode stored = json.createArrayNode();
        if (body.isObject()) {
            stored.add(inventory.seed((ObjectNode) body, clock.instant()));
        } else if (body.isArray()) {
            for (JsonNode item : body) {
                if (!item.isObject()) {
                    throw new SandboxRejection(400, "every resource must be a JSON object");
                }
                stored.add(inventory.seed((ObjectNode) item, clock.instant()));
            }
        } else {
            throw new SandboxRejection(400, "send a resource object or an array of them");
        }
        ObjectNode answer = json.createObjectNode();
        answer.set("items", stored);
        return answer;
    }

    ObjectNode state() {
        ObjectNode state = json.createObjectNode();
        stats.toJson(state.putObject("requests"));
        inventory.stats(state);
        state.put("groups", groups.count(clock.instant()));
        state.put("policies", policies.policies().size());
        state.put("policyApplications", policies.applicationCount());
        state.put("tokensIssued", tokens.issuedCount());
        state.set("faults", faults.toJson(json));
        return state;
    }
}
