package dev.cbagent.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** One request and its answer, with JSON and the guide's error body. */
final class Exchange {
    private final HttpExchange http;
    private final ObjectMapper json;

    Exchange(HttpExchange http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    String method() {
        return http.getRequestMethod();
    }

    String path() {
        return http.getRequestURI().getRawPath();
    }

    String rawQuery() {
        return http.getRequestURI().getRawQuery();
    }

    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    /** Whether the request announces a body: a positive {@code Content-Length}, or chunked transfer. */
    boolean hasBody() {
        String length = header("Content-Length");
        if (length != null) {
            try {
                return Long.parseLong(length.trim()) > 0;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return header("Transfer-Encoding") != null;
    }

    /** Whether the {@code Content-Type} is {@code application/json} (parameters such as charset allowed). */
    boolean isJson() {
        String type = header("Content-Type");
        if (type == null) {
            return false;
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().equalsIgnoreCase("application/json");
    }

    String bodyText() throws IOException {
        return new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    JsonNode bodyJson() throws IOException {
        String text = bodyText();
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SandboxRejection(400, "the body is not valid JSON");
        }
    }

    <T> T body(Class<T> type) throws IOException {
        String text = bodyText();
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new SandboxRejection(400, "the body is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    void requireMethod(String... allowed) {
        for (String m : allowed) {
            if (m.equals(method())) {
                return;
            }
        }
        throw new SandboxRejection(405, "method " + method() + " is not supported by " + path());
    }

    void send(int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        http.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        http.getResponseHeaders().set("Cache-Control", "no-store");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Announces a JSON answer and sends no body: {@link #close()} then finds the body short and closes the
     * connection. The client reads the status line and headers, then the end of the stream (a dropped connection
     * that no client library retries on its own).
     */
    void dropAfterHeaders() {
        try {
            http.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            http.sendResponseHeaders(200, 4096);
        } catch (IOException | RuntimeException expected) {
            // the client went away already
        }
    }

    void sendEmpty(int status) throws IOException {
        http.sendResponseHeaders(status, -1);
        http.getResponseBody().close();
    }

    /** {@code {"error": {"code", "message", "context", "domain"}}}; 401 and 403 are in the Access domain. */
    void sendError(int status, String message) throws IOException {
        ObjectNode body = object();
        ObjectNode error = body.putObject("error");
        error.put("code", status);
        error.put("message", message);
        error.putObject("context");
        error.put("domain", status == 401 || status == 403 ? "Access" : "General");
        if (status == 401) {
            http.getResponseHeaders().set("WWW-Authenticate", path().startsWith("/idp/") ? "Basic" : "Bearer");
        }
        send(status, body);
    }

    void close() {
        http.close();
    }
}
