package dev.cbagent.sandbox.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cbagent.api.TlsContexts;
import dev.cbagent.api.TrustConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLContext;

/**
 * Talks to the sandbox management server's agent endpoints. A fake trusts every certificate and host name: it is
 * never pointed at a real server.
 */
final class SandboxClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;

    SandboxClient() {
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .sslContext(trustingEverything())
                .build();
    }

    record RegisteredAgent(String resourceId, String agentId, boolean takenOver) {
    }

    RegisteredAgent register(URI server, AgentRegistration registration) throws UsageError {
        URI endpoint = URI.create(server + "/sandbox/v1/agents");
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(endpoint)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(registration.toJson())))
                    .build();
        } catch (IOException e) {
            throw new UsageError("cannot encode the registration: " + e.getMessage(), e);
        }
        HttpResponse<String> response = send(request, server);
        if (response.statusCode() != 201) {
            throw refused("registration of '" + registration.name() + "'", response);
        }
        JsonNode body = parse(response.body());
        return new RegisteredAgent(body.path("resource_id").asText(""), body.path("agent_id").asText(""),
                body.path("takenOver").asBoolean(false));
    }

    void unregister(URI server, String name) throws UsageError {
        URI endpoint = URI.create(server + "/sandbox/v1/agents/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).DELETE().build(), server);
        if (response.statusCode() / 100 != 2) {
            throw refused("unregistration of '" + name + "'", response);
        }
    }

    /** Soft-deletes the machine with this resource id ({@code DELETE /sandbox/v1/machines/{id}}). */
    void unregisterById(URI server, String resourceId) throws UsageError {
        URI endpoint = URI.create(server + "/sandbox/v1/machines/"
                + URLEncoder.encode(resourceId, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).DELETE().build(), server);
        if (response.statusCode() / 100 != 2) {
            throw refused("unregistration of the machine " + resourceId, response);
        }
    }

    private HttpResponse<String> send(HttpRequest request, URI server) throws UsageError {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new UsageError("cannot connect to the management server at " + server, e);
        } catch (IOException e) {
            throw new UsageError("cannot talk to the management server at " + server + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageError("interrupted while talking to " + server, e);
        }
    }

    private UsageError refused(String what, HttpResponse<String> response) {
        String message = parse(response.body()).path("error").path("message").asText("");
        return new UsageError("the management server refused the " + what + " (HTTP " + response.statusCode() + ")"
                + (message.isEmpty() ? "" : ": " + message));
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    /** The fakes trust any server certificate and host name: they stand in for tools, not for their security. */
    private static SSLContext trustingEverything() {
        return TlsContexts.create(TrustConfig.insecure()).orElseThrow();
    }
}
