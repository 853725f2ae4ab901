package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.testing.SandboxHttp;
import dev.cbagent.testing.SandboxHttp.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What "this machine" means to the sandbox: registrations keyed by the agent's own identity (a live
 * {@code instanceId} is taken over, anything else is a new machine), the look-ups by id, and the server shapes
 * that test a client's identity handling (stale and twin machines, trimmed lists, FQDN names, strict paging and
 * content types).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SandboxIdentityTest {
    private SandboxServer server;
    private SandboxHttp http;
    private String token;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxConfig.defaults());
        http = new SandboxHttp(server.baseUri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Answer api(String pathAndQuery) {
        if (token == null) {
            Answer login = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/idp/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("admin:" + SandboxConfig.DEFAULT_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password")).build());
            token = login.body().get("access_token").asText();
        }
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private JsonNode resource(String id) {
        Answer answer = api("/api/v1/resources/" + id);
        assertEquals(200, answer.status(), () -> String.valueOf(answer.body()));
        return answer.body();
    }

    private Answer register(String name, String instanceId, String agentId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "os", "linux"));
        if (instanceId != null) {
            body.put("instanceId", instanceId);
        }
        if (agentId != null) {
            body.put("agentId", agentId);
        }
        return http.post("/sandbox/v1/agents", body);
    }

    private List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    private static int online(JsonNode machine) {
        for (JsonNode namespace : machine.get("attributes")) {
            if (namespace.get("name").asText().equals("agent")) {
                for (JsonNode kv : namespace.get("kvs")) {
                    if (kv.get("key").asText().equals("is_online")) {
                        return kv.get("value").asInt();
                    }
                }
            }
        }
        throw new AssertionError("no agent.is_online in " + machine);
    }

    private static void assertErrorBody(Answer answer, int status) {
        assertEquals(status, answer.status(), () -> String.valueOf(answer.body()));
        JsonNode error = answer.body().get("error");
        assertEquals(status, error.get("code").asInt());
        assertFalse(error.get("message").asText().isEmpty());
        assertTrue(error.get("context").isObject());
        assertEquals("General", error.get("domain").asText());
    }

    @Nested
    class Registering_with_a_local_identity {
        @Test
        void a_live_instance_id_takes_that_machine_over_with_its_ids_and_the_new_name() {
            JsonNode original = register("web-01", null, null).body();
            String id = original.get("resource_id").asText();
            String agentId = original.get("agent_id").asText();
            String createdAt = resource(id).get("created_at").asText();

            Answer clone = register("web-02", "{" + id.toUpperCase(Locale.ROOT) + "}", agentId);

            assertEquals(201, clone.status());
            assertEquals(id, clone.body().get("resource_id").asText());
            assertEquals(agentId, clone.body().get("agent_id").asText());
            assertFalse(clone.body().get("created").asBoolean());
            assertTrue(clone.body().get("takenOver").asBoolean());
            JsonNode machine = resource(id);
            assertEquals("web-02", machine.get("name").asText());
            assertEquals("web-02", machine.get("user_defined_name").asText());
            assertTrue(machine.toString().contains("{\"key\":\"name\",\"value\":\"web-02\"}"), machine.toString());
            assertEquals(createdAt, machine.get("created_at").asText());
            assertFalse(Instant.parse(machine.get("updated_at").asText()).isBefore(Instant.parse(createdAt)));
            assertEquals(1, online(machine));
            assertEquals(1, server.state().get("machines").asInt());
            assertEquals(1, server.state().get("takeovers").asInt());
            assertEquals(2, server.state().get("registrations").asInt());
            assertEquals(List.of(), names(api("/api/v1/resources?name=web-01").body()));
        }

        @Test
        void a_taken_over_machine_comes_online_after_the_online_fault() {
            String id = register("web-01", null, null).body().get("resource_id").asText();
            http.faults(Map.of("onlineAfterMs", 60_000));

            register("web-02", id, null);

            assertEquals(0, online(resource(id)));
        }

        @Test
        void an_unknown_instance_id_is_a_new_machine() {
            String twin = register("web-01", null, null).body().get("resource_id").asText();

            Answer answer = register("web-01", "5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F", "8F3B2C1D-7A6E-4F5D-8C9B-0A1B2C3D4E5F");

            assertTrue(answer.body().get("created").asBoolean());
            assertFalse(answer.body().get("takenOver").asBoolean());
            assertNotEquals(twin, answer.body().get("resource_id").asText());
            assertNotEquals("5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F".toLowerCase(Locale.ROOT),
                    answer.body().get("resource_id").asText().toLowerCase(Locale.ROOT));
            assertEquals(2, server.machinesNamed("web-01").size());
        }

        @Test
        void the_instance_id_of_a_deleted_machine_is_a_new_machine_and_the_deleted_one_stays_deleted() {
            String id = register("web-01", null, null).body().get("resource_id").asText();
            assertEquals(200, http.delete("/sandbox/v1/machines/" + id).status());

            Answer answer = register("web-01", id, null);

            assertTrue(answer.body().get("created").asBoolean());
            assertNotEquals(id, answer.body().get("resource_id").asText());
            assertFalse(resource(id).get("deleted_at").isNull());
        }

        @Test
        void a_new_agent_gets_a_new_machine_beside_a_stale_and_a_twin_with_its_name_and_leaves_them_alone() {
            MachineIds stale = server.seedStale("web-01");
            MachineIds twin = server.seedTwin("web-01");
            ObjectNode staleBefore = server.machine(stale.resourceId()).orElseThrow();
            ObjectNode twinBefore = server.machine(twin.resourceId()).orElseThrow();

            RegisteredAgent agent = server.registerAgent(AgentRegistration.anonymous("web-01"));

            assertTrue(agent.created());
            assertNotEquals(stale.resourceId(), agent.resourceId());
            assertNotEquals(twin.resourceId(), agent.resourceId());
            assertNotEquals(stale.agentId(), agent.agentId());
            assertEquals(staleBefore, server.machine(stale.resourceId()).orElseThrow());
            assertEquals(twinBefore, server.machine(twin.resourceId()).orElseThrow());
            assertEquals(3, server.machinesNamed("web-01").size());
        }

        @Test
        void a_stale_machine_can_be_taken_over_and_comes_back_online() {
            MachineIds stale = server.seedStale("web-01");

            RegisteredAgent agent = server.registerAgent(AgentRegistration.anonymous("web-01")
                    .withIdentity(stale.resourceId().toUpperCase(Locale.ROOT), stale.agentId()));

            assertTrue(agent.takenOver());
            assertEquals(stale, new MachineIds(agent.resourceId(), agent.agentId()));
            assertEquals(1, online(server.machine(stale.resourceId()).orElseThrow()));
        }
    }

    @Nested
    class Looking_machines_up {
        @Test
        void by_id_in_any_case_and_a_soft_deleted_one_with_deleted_at() {
            String id = http.register("web-01").get("resource_id").asText();
            assertEquals(id, resource(id.toUpperCase(Locale.ROOT)).get("id").asText());
            assertEquals(id, resource("%7B" + id + "%7D").get("id").asText());

            assertEquals(200, http.delete("/sandbox/v1/machines/" + id.toUpperCase(Locale.ROOT)).status());

            JsonNode deleted = resource(id);
            assertFalse(deleted.get("deleted_at").isNull());
            assertEquals(0, online(deleted));
            assertErrorBody(http.delete("/sandbox/v1/machines/" + id), 404);
            assertErrorBody(api("/api/v1/resources/5c6a1e2b-0e7b-4a4e-9d61-3b0f1c2d4e5f"), 404);
        }

        @Test
        void by_a_list_of_ids_or_an_agent_id_in_any_case() {
            JsonNode a = http.register("a-01");
            JsonNode b = http.register("b-01");
            http.register("c-01");
            String ids = "or(" + a.get("resource_id").asText().toUpperCase(Locale.ROOT) + ","
                    + b.get("resource_id").asText() + ")";

            assertEquals(List.of("a-01", "b-01"), names(api("/api/v1/resources?id=" + ids).body()));
            assertEquals(List.of("b-01"), names(api("/api/v1/resources?agent_id="
                    + b.get("agent_id").asText().toLowerCase(Locale.ROOT)).body()));
        }

        @Test
        void every_machine_has_created_and_updated_times() {
            http.register("web-01");
            server.seedStale("web-02");
            server.seedTwin("web-03");

            JsonNode items = api("/api/v1/resources").body().get("items");

            assertEquals(3, items.size());
            for (JsonNode item : items) {
                Instant.parse(item.get("created_at").asText());
                Instant.parse(item.get("updated_at").asText());
                assertTrue(item.get("deleted_at").isNull());
            }
        }

        @Test
        void unregistering_by_name_removes_the_newest_live_machine_of_that_name_only() {
            MachineIds twin = server.seedTwin("web-01");
            String mine = http.register("web-01").get("resource_id").asText();

            assertEquals(mine, http.delete("/sandbox/v1/agents/web-01").body().get("resource_id").asText());

            assertTrue(server.machine(twin.resourceId()).orElseThrow().get("deleted_at").isNull());
            assertFalse(server.machine(mine).orElseThrow().get("deleted_at").isNull());
        }
    }

    @Nested
    class Seeded_machines {
        @Test
        void a_stale_machine_is_offline_and_was_registered_days_ago_with_its_own_ids() {
            Instant now = Instant.now();
            MachineIds stale = server.seedStale("web-01");

            JsonNode machine = resource(stale.resourceId());

            assertEquals("resource.machine", machine.get("type").asText());
            assertEquals("web-01", machine.get("name").asText());
            assertEquals(stale.agentId(), machine.get("agent_id").asText());
            assertEquals(0, online(machine));
            assertTrue(machine.get("deleted_at").isNull());
            assertTrue(Instant.parse(machine.get("created_at").asText()).isBefore(now.minus(Duration.ofDays(2))));
            assertTrue(Instant.parse(machine.get("updated_at").asText()).isBefore(now.minus(Duration.ofDays(2))));
            assertEquals(0, server.state().get("registrations").asInt());
        }

        @Test
        void a_twin_is_live_and_online_and_another_machine() {
            Instant now = Instant.now();
            MachineIds first = server.seedTwin("web-01");
            MachineIds second = server.seedTwin("web-01");

            JsonNode machine = resource(first.resourceId());

            assertNotEquals(first, second);
            assertEquals(1, online(machine));
            assertTrue(Instant.parse(machine.get("created_at").asText()).isBefore(now.minus(Duration.ofHours(12))));
            assertTrue(Instant.parse(machine.get("updated_at").asText()).isBefore(now.minus(Duration.ofMinutes(30))));
            assertEquals(0, server.state().get("registrations").asInt());
            assertThrows(IllegalArgumentException.class, () -> server.seedTwin(" "));
        }

        @Test
        void can_be_added_over_http() {
            Answer stale = http.post("/sandbox/v1/machines", Map.of("name", "web-01", "kind", "stale"));
            Answer twin = http.post("/sandbox/v1/machines", Map.of("name", "web-01", "kind", "twin"));

            assertEquals(201, stale.status());
            assertEquals(0, online(resource(stale.body().get("resource_id").asText())));
            assertEquals(1, online(resource(twin.body().get("resource_id").asText())));
            assertEquals(twin.body().get("agent_id").asText(),
                    resource(twin.body().get("resource_id").asText()).get("agent_id").asText());
            assertErrorBody(http.post("/sandbox/v1/machines", Map.of("name", "web-01", "kind", "ghost")), 400);
        }
    }

    @Nested
    class Server_shapes {
        @Test
        void trimmed_lists_carry_no_agent_id_nor_attributes_but_the_machine_itself_does() {
            String agentId = http.register("web-01").get("agent_id").asText();
            server.setTrimLists(true);

            JsonNode item = api("/api/v1/resources?name=web-01").body().get("items").get(0);

            assertFalse(item.has("agent_id"), item.toString());
            assertFalse(item.has("attributes"), item.toString());
            assertTrue(item.has("created_at") && item.has("updated_at") && item.has("type"), item.toString());
            JsonNode machine = resource(item.get("id").asText());
            assertEquals(agentId, machine.get("agent_id").asText());
            assertTrue(machine.get("attributes").isArray());
            assertEquals(1, api("/api/v1/resources?agent_id=" + agentId).body().get("items").size());
            server.setTrimLists(false);
            assertTrue(api("/api/v1/resources").body().get("items").get(0).has("agent_id"));
        }

        @Test
        void an_fqdn_domain_stores_short_names_with_it() {
            server.setFqdnDomain("corp.example");
            String id = http.register("web-01").get("resource_id").asText();
            http.register("db-01.other.example");
            MachineIds stale = server.seedStale("web-02");

            assertEquals("web-01.corp.example", resource(id).get("name").asText());
            assertEquals("web-02.corp.example", resource(stale.resourceId()).get("name").asText());
            assertEquals(List.of("web-01.corp.example"), names(api("/api/v1/resources?name=hlike("
                    + URLEncoder.encode("web-01.", StandardCharsets.UTF_8) + ")").body()));
            assertEquals(List.of("db-01.other.example"), names(api("/api/v1/resources?name=db-01.other.example").body()));
            assertEquals(List.of(), names(api("/api/v1/resources?name=web-01").body()));
            assertEquals(id, http.delete("/sandbox/v1/agents/web-01").body().get("resource_id").asText());

            http.faults(Map.of("fqdnDomain", "lab.example"));
            assertEquals("lab.example", server.faults().current().fqdnDomain());
            assertEquals("web-03.lab.example", resource(http.register("web-03").get("resource_id").asText())
                    .get("name").asText());
            server.setFqdnDomain(null);
            assertEquals("web-04", resource(http.register("web-04").get("resource_id").asText()).get("name").asText());
        }

        @Test
        void require_limit_refuses_a_cursor_without_limit_with_a_json_error() {
            for (int i = 0; i < 3; i++) {
                http.register("n-" + i);
            }
            String after = URLEncoder.encode(api("/api/v1/resources?limit=1").body().at("/paging/cursors/after").asText(),
                    StandardCharsets.UTF_8);
            assertEquals(200, api("/api/v1/resources?after=" + after).status(), "off by default");

            server.setRequireLimit(true);

            assertErrorBody(api("/api/v1/resources?after=" + after), 400);
            assertErrorBody(api("/api/v1/policies?after=" + after), 400);
            assertEquals(200, api("/api/v1/resources?limit=1&after=" + after).status());
            assertEquals(200, api("/api/v1/resources").status());
        }

        @Test
        void dropped_connections_get_no_answer_for_the_next_n_api_requests_only() {
            http.faults(Map.of("dropConnections", 2));

            for (int i = 0; i < 2; i++) {
                SandboxHttp fresh = new SandboxHttp(server.baseUri()); // a new connection: no retry of a pooled one
                IllegalStateException dropped = assertThrows(IllegalStateException.class,
                        () -> fresh.get("/api/v1/resources"));
                assertTrue(dropped.getCause() instanceof java.io.IOException, dropped.toString());
            }

            assertEquals(401, http.get("/api/v1/resources").status());
            assertEquals(0, server.faults().current().dropConnections());
            assertEquals(200, http.get("/sandbox/v1/state").status());
        }

        @Test
        void a_body_without_json_content_type_answers_415() {
            Answer text = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/sandbox/v1/agents"))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"web-01\"}")).build());
            Answer none = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/sandbox/v1/faults"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"fail503\":1}")).build());
            Answer form = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/groups"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("name=x")).build());
            Answer charset = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/sandbox/v1/agents"))
                    .header("Content-Type", "Application/JSON; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"web-01\"}")).build());

            assertErrorBody(text, 415);
            assertErrorBody(none, 415);
            assertErrorBody(form, 415);
            assertEquals(0, server.faults().current().fail503());
            assertEquals(201, charset.status());
            assertEquals(200, http.get("/sandbox/v1/state").status());
        }
    }
}
