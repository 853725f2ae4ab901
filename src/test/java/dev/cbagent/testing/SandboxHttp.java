package dev.cbagent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Talks to a sandbox's own endpoints over HTTP, as the fake vendor tools do. */
public final class SandboxHttp {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();

    /** A status and the JSON body. */
    public record Answer(int status, JsonNode body) {
    }

    public SandboxHttp(URI base) {
        this.base = base;
    }

    public Answer post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body)))
                    .build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE().build());
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Answer(response.statusCode(), text.isEmpty() ? null : json.readTree(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers an agent by name, anonymously; fails the test unless 201. */
    public JsonNode register(String name) {
        Answer answer = post("/sandbox/v1/agents", Map.of("name", name, "os", "linux"));
        if (answer.status() != 201) {
            throw new AssertionError("registering " + name + " answered " + answer);
        }
        return answer.body();
    }

    public void faults(Map<String, Object> faults) {
        Answer answer = post("/sandbox/v1/faults", faults);
        if (answer.status() != 200) {
            throw new AssertionError("setting faults answered " + answer);
        }
    }

    public void seed(String resourceJson) {
        Answer answer = post("/sandbox/v1/resources", resourceJson);
        if (answer.status() != 201) {
            throw new AssertionError("seeding answered " + answer);
        }
    }

    public long apiRequests(String path) {
        return get("/sandbox/v1/state").body().path("requests").path("byPath").path(path).asLong(0);
    }
}
