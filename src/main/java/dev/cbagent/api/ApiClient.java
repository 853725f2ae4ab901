package dev.cbagent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.error.Redactor;

import java.net.URI;
import java.time.Instant;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The management server's REST API (guide 2.4–2.8): logs in at {@code /idp/token}, sends the Bearer token on every
 * call, logs in again once when a call answers 401, repeats 50x/429 answers twice, and follows page cursors.
 * Reads with {@code get/find/page/getAll}; writes JSON bodies with {@code post/patch/send}.
 * Thread-safe; one instance may serve a whole fleet. Close it when done: the process then exits without waiting
 * for the HTTP client's thread.
 */
public final class ApiClient implements AutoCloseable {
    public static final String RESOURCES = "/api/v1/resources";
    /**
     * Guards against a server that hands out cursors forever: pages of one query. A fleet of 10,000 hosts at 50
     * names a query is 200 pages.
     */
    static final int MAX_PAGES = 1_000;
    /** The page size of list requests that do not set their own. */
    static final int DEFAULT_PAGE_LIMIT = 200;

    private final ApiConfig config;
    private final Transport transport;
    private final ObjectMapper json = new ObjectMapper();
    private final Redactor redactor;
    private final Object loginLock = new Object();
    private volatile String accessToken;
    private volatile Instant deadline;

    public ApiClient(ApiConfig config) {
        this(config, RetryPolicy.standard());
    }

    public ApiClient(ApiConfig config, RetryPolicy retry) {
        this.config = config;
        this.transport = new Transport(config, retry);
        this.redactor = config.redactor();
    }

    /**
     * From now on no request of this client (nor the pages of a query) runs past {@code until}: the command's own
     * time limit. Null removes the limit (each request still has the request timeout). Returns this client.
     */
    public ApiClient until(Instant until) {
        this.deadline = until;
        return this;
    }

    public URI baseUrl() {
        return config.baseUrl();
    }

    /** Ends the HTTP client's thread; no request may follow. */
    @Override
    public void close() {
        transport.close();
    }

    /** HTTP requests sent so far, including logins and retries. */
    public long requestCount() {
        return transport.requestCount();
    }

    /** Logs in now (otherwise the first call does); proves that the server is reachable and trusts the login. */
    public void login() {
        synchronized (loginLock) {
            accessToken = fetchToken();
        }
    }

    /** {@code GET base+path?query} as JSON. */
    public JsonNode get(String path, Query query) {
        HttpResponse<String> response = authorised(path, query);
        if (response.statusCode() / 100 != 2) {
            throw refused(response, path);
        }
        return parse(response, path);
    }

    /** {@code GET base+path}; empty on 404. */
    public Optional<JsonNode> find(String path) {
        HttpResponse<String> response = authorised(path, Query.empty());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() / 100 != 2) {
            throw refused(response, path);
        }
        return Optional.of(parse(response, path));
    }

    /** One page of a list endpoint. */
    public Page page(String path, Query query) {
        JsonNode body = get(path, query);
        JsonNode items = body.get("items");
        if (items == null || !items.isArray()) {
            throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management server at " + config.baseUrl()
                    + " answered GET " + path + " without an items list");
        }
        List<JsonNode> list = new ArrayList<>(items.size());
        items.forEach(list::add);
        JsonNode after = body.path("paging").path("cursors").path("after");
        return new Page(list, after.isTextual() ? after.asText() : "");
    }

    /** Every item of a list endpoint, following {@code after} cursors until an empty or absent one. */
    public List<JsonNode> getAll(String path, Query query) {
        List<JsonNode> all = new ArrayList<>();
        // A server may refuse a cursor without a page size (400), so every page of a list says how many it wants.
        Query next = query.hasLimit() ? query : query.limit(DEFAULT_PAGE_LIMIT);
        query = next;
        String previous = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            Instant until = deadline;
            if (pages > 0 && until != null && Instant.now().isAfter(until)) {
                throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management server at " + config.baseUrl()
                        + " was still handing out pages for GET " + path + " (" + pages + " so far) when the time was up");
            }
            Page page = page(path, next);
            all.addAll(page.items());
            if (!page.hasNext()) {
                return all;
            }
            if (page.after().equals(previous)) {
                throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management server at " + config.baseUrl()
                        + " returned the same page cursor twice for GET " + path);
            }
            previous = page.after();
            next = query.after(page.after());
        }
        throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management server at " + config.baseUrl()
                + " returned more than " + MAX_PAGES + " pages for GET " + path);
    }

    /** Every resource matching the query ({@code GET /api/v1/resources}, all pages). */
    public List<MachineResource> resources(Query query) {
        return getAll(RESOURCES, query).stream().map(MachineResource::from).toList();
    }

    /** One resource by id; empty when the server does not know it. */
    public Optional<MachineResource> resource(String id) {
        return find(RESOURCES + "/" + UrlText.encode(id)).map(MachineResource::from);
    }

    /** {@code POST base+path} with a JSON body; any 2xx is returned, anything else is an exit-6 sentence. */
    public ApiAnswer post(String path, Object body) {
        return requireSuccess(send("POST", path, Query.empty(), body), "POST", path);
    }

    /** {@code PATCH base+path} with a JSON body; any 2xx is returned, anything else is an exit-6 sentence. */
    public ApiAnswer patch(String path, Object body) {
        return requireSuccess(send("PATCH", path, Query.empty(), body), "PATCH", path);
    }

    /**
     * Any call, with the same login, 401 and retry handling as reads, returning whatever status the server gave
     * (for callers that act on a 404 or 409 themselves). {@code body} may be null (no body), a {@link JsonNode},
     * or anything Jackson can write.
     */
    public ApiAnswer send(String method, String path, Query query, Object body) {
        String text = body == null ? null : write(body);
        HttpResponse<String> response = authorised(method, path, query, text);
        return new ApiAnswer(response.statusCode(), parseLenient(response.body()));
    }

    /** The exception a refused call becomes: the server's own message, redacted, exit 6. */
    public CbagentException refusal(ApiAnswer answer, String method, String path) {
        String message = answer.body().path("error").path("message").asText("");
        return refused(answer.status(), message.length() > 200 ? message.substring(0, 200) + "..." : message.strip(),
                method + " " + path);
    }

    private ApiAnswer requireSuccess(ApiAnswer answer, String method, String path) {
        if (!answer.isSuccess()) {
            throw refusal(answer, method, path);
        }
        return answer;
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a request body as JSON", e);
        }
    }

    private JsonNode parseLenient(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private HttpResponse<String> authorised(String path, Query query) {
        return authorised("GET", path, query, null);
    }

    private HttpResponse<String> authorised(String method, String path, Query query, String body) {
        URI uri = uri(path, query);
        String token = currentToken();
        HttpResponse<String> response = transport.send(bearer(method, uri, token, body), deadline);
        if (response.statusCode() != 401) {
            return response;
        }
        // The token expired or was revoked: log in again, once, and repeat the call.
        String fresh = refreshToken(token);
        response = transport.send(bearer(method, uri, fresh, body), deadline);
        if (response.statusCode() == 401) {
            throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management server at " + config.baseUrl()
                    + " rejected a fresh access token for the login '" + config.login() + "' on " + method + " " + path
                    + " (401)");
        }
        return response;
    }

    private String currentToken() {
        String token = accessToken;
        if (token != null) {
            return token;
        }
        synchronized (loginLock) {
            if (accessToken == null) {
                accessToken = fetchToken();
            }
            return accessToken;
        }
    }

    private String refreshToken(String stale) {
        synchronized (loginLock) {
            if (accessToken == null || accessToken.equals(stale)) {
                accessToken = fetchToken();
            }
            return accessToken;
        }
    }

    private String fetchToken() {
        String credentials = Base64.getEncoder().encodeToString(
                (config.login() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.baseUrl() + "/idp/token"))
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password"))
                .build();
        HttpResponse<String> response = transport.send(request, deadline);
        int status = response.statusCode();
        if (status == 400 || status == 401 || status == 403) {
            throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management server rejected the login '"
                    + config.login() + "' (" + status + ")");
        }
        if (status / 100 != 2) {
            throw refused(response, "/idp/token");
        }
        JsonNode token = parse(response, "/idp/token").get("access_token");
        if (token == null || !token.isTextual() || token.asText().isEmpty()) {
            throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management server at " + config.baseUrl()
                    + " answered the login without an access token");
        }
        return token.asText();
    }

    private HttpRequest bearer(String method, URI uri, String token, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private URI uri(String path, Query query) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("an API path starts with /: " + path);
        }
        String encoded = query.encode();
        return URI.create(config.baseUrl() + path + (encoded.isEmpty() ? "" : "?" + encoded));
    }

    private JsonNode parse(HttpResponse<String> response, String path) {
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "the management server at " + config.baseUrl()
                    + " answered " + path + " with something that is not JSON");
        }
    }

    private CbagentException refused(HttpResponse<String> response, String path) {
        return refused(response.statusCode(), errorMessage(response.body()), path);
    }

    private CbagentException refused(int status, String detail, String path) {
        String what = status == 403
                ? "the login '" + config.login() + "' has no right to " + path
                : "the management server at " + config.baseUrl() + " refused " + path;
        return new CbagentException(ExitCode.SERVER_UNAVAILABLE, redactor.redact(what + " (" + status
                + (HttpStatusText.of(status).isEmpty() ? "" : " " + HttpStatusText.of(status))
                + (detail.isEmpty() ? "" : ": " + detail) + ")"));
    }

    private String errorMessage(String body) {
        try {
            JsonNode message = json.readTree(body).path("error").path("message");
            String text = message.isTextual() ? message.asText().strip() : "";
            return text.length() > 200 ? text.substring(0, 200) + "..." : text;
        } catch (JsonProcessingException | RuntimeException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "ApiClient[" + config + "]";
    }
}
