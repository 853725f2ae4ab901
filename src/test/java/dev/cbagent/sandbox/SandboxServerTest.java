package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.testing.SandboxHttp;
import dev.cbagent.testing.SandboxHttp.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox's HTTP contract, as the client and the fake vendor tools rely on it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SandboxServerTest {
    private SandboxServer server;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxConfig.defaults().withRegistrationTokens(java.util.Set.of("good-token")));
        http = new SandboxHttp(server.baseUri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String login() {
        Answer answer = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/idp/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic("admin", SandboxConfig.DEFAULT_PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password")).build());
        assertEquals(200, answer.status());
        return answer.body().get("access_token").asText();
    }

    private Answer api(String pathAndQuery) {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + pathAndQuery))
                .header("Authorization", "Bearer " + login()).GET().build());
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertErrorBody(Answer answer, int status, String domain) {
        assertEquals(status, answer.status());
        JsonNode error = answer.body().get("error");
        assertEquals(status, error.get("code").asInt());
        assertTrue(error.get("message").isTextual());
        assertTrue(error.get("context").isObject());
        assertEquals(domain, error.get("domain").asText());
    }

    @Nested
    class The_token_endpoint {
        @Test
        void answers_the_guide_shape() {
            Answer answer = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/idp/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", basic("admin", SandboxConfig.DEFAULT_PASSWORD))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password")).build());
            JsonNode body = answer.body();
            assertEquals(List.of("access_token", "token_type", "expires_in", "expires_on", "id_token", "scope"),
                    iterate(body.fieldNames()));
            assertEquals("bearer", body.get("token_type").asText());
            assertEquals(7200, body.get("expires_in").asLong());
            assertTrue(body.get("scope").isNull());
        }

        @Test
        void refuses_a_wrong_password_with_401_in_the_access_domain() {
            assertErrorBody(http.send(HttpRequest.newBuilder(server.baseUri().resolve("/idp/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", basic("admin", "nope"))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password")).build()), 401, "Access");
        }

        @Test
        void refuses_json_with_415() {
            assertErrorBody(http.post("/idp/token", Map.of("grant_type", "password")), 415, "General");
        }
    }

    @Nested
    class The_api {
        @Test
        void refuses_a_missing_or_invalid_bearer_token_with_401() {
            assertErrorBody(http.get("/api/v1/resources"), 401, "Access");
            assertErrorBody(http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/resources"))
                    .header("Authorization", "Bearer forged").GET().build()), 401, "Access");
        }

        @Test
        void shows_a_registered_machine_with_agent_and_default_attributes() {
            String id = http.register("web-01").get("resource_id").asText();
            JsonNode machine = api("/api/v1/resources/" + id).body();
            assertEquals("resource.machine", machine.get("type").asText());
            assertEquals("web-01", machine.get("name").asText());
            assertTrue(machine.get("deleted_at").isNull());
            assertFalse(machine.get("agent_id").asText().isEmpty());
            assertEquals("agent", machine.get("attributes").get(0).get("name").asText());
            assertEquals("default", machine.get("attributes").get(1).get("name").asText());
            assertTrue(machine.toString().contains("{\"key\":\"is_online\",\"value\":1}"), machine.toString());
        }

        @Test
        void answers_404_for_unknown_ids_and_endpoints() {
            assertErrorBody(api("/api/v1/resources/nope"), 404, "General");
            assertErrorBody(api("/api/v1/archives"), 404, "General");
        }

        @Test
        void records_a_task_and_an_activity_for_each_registration() {
            http.register("web-01");
            JsonNode tasks = api("/api/v1/tasks").body();
            assertEquals(1, tasks.get("size").asInt());
            assertTrue(tasks.get("time_stamp").asText().endsWith("ns"));
            JsonNode task = tasks.get("items").get(0);
            assertEquals("Adding agent 'web-01' to the management server", task.at("/context/title").asText());
            assertEquals("COMPLETED", task.get("state").asText());
            assertEquals("OK", task.at("/result/code").asText());
            assertEquals("A59E8BF2-39C3-42C4-B667-CB672381A214", task.get("type").asText());
            assertEquals(task, api("/api/v1/tasks/" + task.get("id").asText()).body());
            JsonNode activity = api("/api/v1/activities").body().get("items").get(0);
            assertEquals(task.get("id"), activity.get("task_id"));
            assertEquals(activity, api("/api/v1/activities/" + activity.get("id").asText()).body());
        }

        @Test
        void pages_with_opaque_cursors_and_an_empty_last_cursor() {
            for (int i = 0; i < 5; i++) {
                http.register("n" + i);
            }
            JsonNode first = api("/api/v1/resources?limit=2").body();
            String after = first.at("/paging/cursors/after").asText();
            assertFalse(after.isEmpty());
            JsonNode second = api("/api/v1/resources?limit=2&after="
                    + java.net.URLEncoder.encode(after, StandardCharsets.UTF_8)).body();
            JsonNode third = api("/api/v1/resources?limit=2&after="
                    + java.net.URLEncoder.encode(second.at("/paging/cursors/after").asText(), StandardCharsets.UTF_8)).body();
            assertEquals(1, third.get("items").size());
            assertEquals("", third.at("/paging/cursors/after").asText());
            assertErrorBody(api("/api/v1/resources?after=garbage"), 400, "General");
        }
    }

    @ParameterizedTest(name = "{0}={1} selects {2}")
    @CsvSource(delimiter = '|', value = {
            "name | alpha | alpha",
            "name | ALPHA | ''",
            "name | ne(alpha) | Beta,gamma-1,delta",
            "name | or(alpha,delta,none) | alpha,delta",
            "name | like(MM) | gamma-1",
            "name | hlike(b) | Beta",
            "name | tlike(TA) | Beta,delta",
            "name | and(hlike(d),tlike(a)) | delta",
            "rank | ge(10) | gamma-1,delta",
            "rank | gt(10) | delta",
            "rank | le(9) | alpha,Beta",
            "rank | lt(9) | alpha",
            "rank | range(2,10) | Beta,gamma-1",
            "rank | xrange(2,10) | alpha,delta",
            "type | resource.group.computers | Beta",
            "order | desc(name) | gamma-1,delta,alpha,Beta"})
    void filters_any_top_level_field(String field, String filter, String expected) {
        http.seed("[{\"type\":\"resource.machine\",\"name\":\"alpha\",\"rank\":1},"
                + "{\"type\":\"resource.group.computers\",\"name\":\"Beta\",\"rank\":9},"
                + "{\"type\":\"resource.machine\",\"name\":\"gamma-1\",\"rank\":10},"
                + "{\"type\":\"resource.machine\",\"name\":\"delta\",\"rank\":100}]");
        JsonNode items = api("/api/v1/resources?" + field + "=" + filter).body().get("items");
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.get("name").asText()));
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(",")), names);
    }

    @Nested
    class Registration {
        private Answer register(Map<String, Object> body) {
            return http.post("/sandbox/v1/agents", body);
        }

        @Test
        void accepts_a_valid_token_and_answers_201_with_ids() {
            Answer answer = register(Map.of("name", "web-01", "token", "good-token", "os", "linux"));
            assertEquals(201, answer.status());
            assertFalse(answer.body().get("resource_id").asText().isEmpty());
            assertFalse(answer.body().get("agent_id").asText().isEmpty());
        }

        @Test
        void accepts_the_admin_login_and_a_tenant() {
            Answer answer = register(Map.of("name", "web-01", "login", "admin", "password", SandboxConfig.DEFAULT_PASSWORD,
                    "tenant", "556c6428-34ef-11ed-83ee-00155d8b5d06", "storageNode", true, "os", "windows"));
            assertEquals(201, answer.status());
            JsonNode machine = api("/api/v1/resources/" + answer.body().get("resource_id").asText()).body();
            assertEquals("556c6428-34ef-11ed-83ee-00155d8b5d06", machine.get("tenant_id").asText());
            assertTrue(machine.toString().contains("Windows"));
        }

        @Test
        void refuses_a_bad_token_or_bad_credentials_with_401() {
            assertErrorBody(register(Map.of("name", "web-01", "token", "bad-token")), 401, "Access");
            assertErrorBody(register(Map.of("name", "web-01", "login", "admin", "password", "nope")), 401, "Access");
            assertEquals(0, server.state().get("registeredAgents").asInt());
        }

        @Test
        void refuses_anonymous_registration_when_switched_off() {
            try (SandboxServer strict = SandboxServer.start(SandboxConfig.defaults().withAnonymousRegistration(false))) {
                Answer answer = new SandboxHttp(strict.baseUri()).post("/sandbox/v1/agents", Map.of("name", "web-01"));
                assertErrorBody(answer, 401, "Access");
            }
        }

        @Test
        void refuses_a_body_without_a_name_or_with_unknown_fields() {
            assertErrorBody(register(Map.of("os", "linux")), 400, "General");
            assertErrorBody(register(Map.of("name", "x", "colour", "red")), 400, "General");
        }

        @Test
        void a_new_agent_with_a_known_name_gets_a_new_machine() {
            String first = register(Map.of("name", "web-01")).body().get("resource_id").asText();
            Answer again = register(Map.of("name", "WEB-01"));
            assertEquals(201, again.status());
            assertFalse(first.equals(again.body().get("resource_id").asText()));
            assertTrue(again.body().get("created").asBoolean());
            assertFalse(again.body().get("takenOver").asBoolean());
        }

        @Test
        void soft_deletes_on_unregister_and_a_later_registration_is_a_new_machine() {
            String id = http.register("web-01").get("resource_id").asText();
            assertEquals(200, http.delete("/sandbox/v1/agents/web-01").status());
            assertFalse(api("/api/v1/resources/" + id).body().get("deleted_at").isNull());
            assertErrorBody(http.delete("/sandbox/v1/agents/web-01"), 404, "General");
            String again = http.register("web-01").get("resource_id").asText();
            assertFalse(id.equals(again));
            assertFalse(api("/api/v1/resources/" + id).body().get("deleted_at").isNull());
        }
    }

    @Nested
    class Faults_and_state {
        @Test
        void counts_api_requests_per_path() {
            api("/api/v1/resources");
            api("/api/v1/resources");
            JsonNode requests = http.get("/sandbox/v1/state").body().get("requests");
            assertEquals(2, requests.at("/byPath/~1api~1v1~1resources").asInt());
            assertEquals(2, requests.at("/byPath/~1idp~1token").asInt());
            assertEquals(4, requests.get("total").asInt());
            assertEquals(1, requests.get("peakInFlight").asInt(), "one request after another");
        }

        @Test
        void answers_503_for_the_next_n_api_requests() {
            http.faults(Map.of("fail503", 2));
            assertErrorBody(http.get("/api/v1/resources"), 503, "General");
            assertErrorBody(http.get("/api/v1/resources"), 503, "General");
            assertEquals(200, http.get("/sandbox/v1/state").status());
            assertErrorBody(http.get("/api/v1/resources"), 401, "Access");
        }

        @Test
        void delays_visibility_and_online_state_and_reports_the_switches() {
            http.faults(Map.of("appearAfterMs", 60_000, "neverOnline", true, "slowMs", 0));
            http.register("late");
            assertEquals(0, api("/api/v1/resources?name=late").body().get("items").size());
            JsonNode faults = http.get("/sandbox/v1/faults").body();
            assertEquals(60_000, faults.get("appearAfterMs").asInt());
            assertTrue(faults.get("neverOnline").asBoolean());
        }

        @Test
        void refuses_unknown_fault_names() {
            assertErrorBody(http.post("/sandbox/v1/faults", Map.of("explode", true)), 400, "General");
        }

        @Test
        void expires_tokens_after_the_configured_lifetime() {
            http.faults(Map.of("tokenTtl", 0));
            String token = login();
            Answer answer = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/resources"))
                    .header("Authorization", "Bearer " + token).GET().build());
            assertErrorBody(answer, 401, "Access");
        }
    }

    @Test
    void handles_many_concurrent_registrations() throws Exception {
        List<Thread> threads = new ArrayList<>();
        Map<String, String> ids = java.util.Collections.synchronizedMap(new HashMap<>());
        for (int i = 0; i < 100; i++) {
            String name = "c-" + i;
            Thread t = new Thread(() -> ids.put(name, http.register(name).get("resource_id").asText()));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(100, ids.values().stream().distinct().count());
        assertEquals(100, server.state().get("machines").asInt());
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
