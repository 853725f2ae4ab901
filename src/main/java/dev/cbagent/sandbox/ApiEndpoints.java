package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /api/v1/resources[/{id}]}, {@code /api/v1/tasks[/{id}]}, {@code /api/v1/activities[/{id}]}, and the
 * protection endpoints ({@link ProtectionEndpoints}); Bearer only.
 */
final class ApiEndpoints {
    private static final String PREFIX = "/api/v1/";

    private final Inventory inventory;
    private final TokenStore tokens;
    private final FaultSwitches faults;
    private final Clock clock;
    private final ProtectionEndpoints protection;

    ApiEndpoints(Inventory inventory, TokenStore tokens, FaultSwitches faults, Clock clock,
                 ProtectionEndpoints protection) {
        this.protection = protection;
        this.inventory = inventory;
        this.tokens = tokens;
        this.faults = faults;
        this.clock = clock;
    }

    void handle(Exchange exchange) throws IOException {
        String authorization = exchange.header("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (!tokens.isValid(token)) {
            throw new SandboxRejection(401, token == null ? "a Bearer token is required" : "the access token is invalid or expired");
        }
        String path = exchange.path();
        if (!path.startsWith(PREFIX)) {
            throw new SandboxRejection(404, "no such endpoint: " + path);
        }
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        if (ProtectionEndpoints.handles(parts[0])) {
            protection.handle(exchange, parts);
            return;
        }
        if (parts.length > 2 || (parts.length == 2 && parts[1].isEmpty())) {
            throw new SandboxRejection(404, "no such endpoint: " + path);
        }
        exchange.requireMethod("GET");
        String id = parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        Instant now = clock.instant();
        switch (parts[0]) {
            case "resources" -> resources(exchange, id, now);
            case "tasks" -> records(exchange, id, inventory.tasks(), inventory::task, "task");
            case "activities" -> records(exchange, id, inventory.activities(), inventory::activity, "activity");
            default -> throw new SandboxRejection(404, "no such endpoint: " + path);
        }
    }

    private void resources(Exchange exchange, String id, Instant now) throws IOException {
        boolean neverOnline = faults.neverOnline();
        if (id != null) {
            StoredResource found = inventory.resource(id, now)
                    .orElseThrow(() -> new SandboxRejection(404, "resource " + id + " not found"));
            exchange.send(200, found.render(now, neverOnline));
            return;
        }
        ListRequest request = ListRequest.parse(exchange.rawQuery());
        boolean trim = faults.trimLists();
        exchange.send(200, request.page(inventory.visibleResources(now), StoredResource::json,
                r -> trim ? trimmed(r.render(now, neverOnline)) : r.render(now, neverOnline), exchange.object()));
    }

    /** A list item as the guide's own list example shows one: no {@code agent_id}, no {@code attributes}. */
    private static ObjectNode trimmed(ObjectNode item) {
        ObjectNode copy = item.deepCopy();
        copy.remove(List.of("agent_id", "attributes"));
        return copy;
    }

    private void records(Exchange exchange, String id, List<ObjectNode> all,
                         Function<String, Optional<ObjectNode>> byId, String what) throws IOException {
        if (id != null) {
            exchange.send(200, byId.apply(id).orElseThrow(() -> new SandboxRejection(404, what + " " + id + " not found")));
            return;
        }
        ObjectNode body = ListRequest.parse(exchange.rawQuery()).page(all, Function.identity(), Function.identity(),
                exchange.object());
        body.put("size", body.get("items").size());
        body.put("time_stamp", Instant.now(clock).getEpochSecond() * 1_000_000_000L + Instant.now(clock).getNano() + "ns");
        exchange.send(200, body);
    }
}
