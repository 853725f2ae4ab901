package dev.cbagent.sandbox.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny stand-in for the sandbox server's agent endpoints on 127.0.0.1 and a free port. Token {@code good-token}
 * or login {@code admin} with password {@code admin-pw} are accepted; anything else gets 401. The n-th registration
 * answers {@code res-n}/{@code agent-n}; {@code DELETE /sandbox/v1/machines/{id}} removes by id (any case).
 */
final class SandboxStub implements AutoCloseable {
    record Request(String method, String path, JsonNode body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final java.util.Map<String, String> namesById = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

    SandboxStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sandbox/v1/agents", this::handle);
        server.createContext("/sandbox/v1/machines", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Set<String> registered() {
        return Set.copyOf(registered);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode parsed = body.isEmpty() ? json.createObjectNode() : json.readTree(body);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, parsed));
            if (exchange.getRequestMethod().equals("POST") && path.equals("/sandbox/v1/agents")) {
                register(exchange, parsed);
            } else if (exchange.getRequestMethod().equals("DELETE") && path.startsWith("/sandbox/v1/machines/")) {
                String id = path.substring("/sandbox/v1/machines/".length()).toLowerCase(java.util.Locale.ROOT);
                String name = namesById.remove(id);
                if (name != null && registered.remove(name)) {
                    reply(exchange, 200, "{\"resource_id\":\"" + id + "\"}");
                } else {
                    reply(exchange, 404, "{\"error\":{\"message\":\"no machine " + id + "\"}}");
                }
            } else if (exchange.getRequestMethod().equals("DELETE")) {
                String name = path.substring("/sandbox/v1/agents/".length());
                if (registered.remove(name)) {
                    reply(exchange, 204, "");
                } else {
                    reply(exchange, 404, "{\"error\":{\"message\":\"no agent named " + name + "\"}}");
                }
            } else {
                reply(exchange, 405, "");
            }
        }
    }

    private void register(HttpExchange exchange, JsonNode body) throws IOException {
        boolean byToken = body.path("token").asText().equals("good-token");
        boolean byLogin = body.path("login").asText().equals("admin") && body.path("password").asText().equals("admin-pw");
        if (!byToken && !byLogin) {
            reply(exchange, 401, "{\"error\":{\"code\":401,\"message\":\"Invalid registration token\"}}");
            return;
        }
        int n = count.incrementAndGet();
        registered.add(body.path("name").asText());
        namesById.put("res-" + n, body.path("name").asText());
        reply(exchange, 201, "{\"resource_id\":\"res-" + n + "\",\"agent_id\":\"agent-" + n + "\"}");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
