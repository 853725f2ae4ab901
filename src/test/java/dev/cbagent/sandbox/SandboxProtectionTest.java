package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cbagent.testing.SandboxHttp;
import dev.cbagent.testing.SandboxHttp.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox's groups, plans and policy applications answer in the guide's shapes (2.9, 2.10.2–2.10.4). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SandboxProtectionTest {
    private final ObjectMapper json = new ObjectMapper();
    private SandboxServer server;
    private SandboxHttp http;
    private String token;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxConfig.defaults());
        http = new SandboxHttp(server.baseUri());
        Answer login = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/idp/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + SandboxConfig.DEFAULT_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password")).build());
        token = login.body().get("access_token").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Answer call(String method, String pathAndQuery, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + pathAndQuery))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build());
    }

    @Test
    void plans_are_listed_wrapped_in_policy_objects() throws Exception {
        server.addPlan("Daily backup");
        JsonNode body = call("GET", "/api/v1/policies", null).body();
        assertEquals("Daily backup", body.at("/items/0/policy/name").asText());
        assertEquals("policy.backup.machine", body.at("/items/0/policy/type").asText());
        assertEquals("", body.at("/paging/cursors/after").asText());
    }

    @Test
    void a_created_group_answers_201_and_shows_as_a_resource_under_All() throws Exception {
        server.addPlan("Daily backup");
        JsonNode all = call("GET", "/api/v1/resources?name=All", null).body().at("/items/0");
        Answer created = call("POST", "/api/v1/groups", Map.of("name", "Static group", "membership_type", "STATIC",
                "parent_id", all.get("parent_id").asText(), "type", "group.computers"));
        assertEquals(201, created.status());
        assertEquals("group.computers", created.body().get("type").asText());
        assertEquals(List.of("machine"), List.of(created.body().at("/member_types/0").asText()));
        JsonNode resource = call("GET", "/api/v1/resources?type=resource.group.computers&name=Static%20group", null)
                .body().at("/items/0");
        assertEquals(created.body().get("id").asText(), resource.get("id").asText());
        assertEquals(409, call("POST", "/api/v1/groups", Map.of("name", "Static group")).status());
    }

    @Test
    void adding_a_machine_answers_204_and_lists_the_group_in_its_parent_group_ids() throws Exception {
        String group = server.addStaticGroup("Servers");
        String machine = http.register("web-01").get("resource_id").asText();
        Answer patched = call("PATCH", "/api/v1/groups/" + group + "/resources", Map.of("add", List.of(machine)));
        assertEquals(204, patched.status());
        assertNull(patched.body());
        JsonNode resource = call("GET", "/api/v1/resources/" + machine, null).body();
        assertEquals(group.toLowerCase(), resource.at("/parent_group_ids/0").asText());
        assertEquals(404, call("PATCH", "/api/v1/groups/" + group + "/resources", Map.of("add", List.of("nope"))).status());
    }

    @Test
    void applications_are_a_nested_list_with_a_total_and_deploy_after_the_delay() throws Exception {
        http.faults(Map.of("deployAfterMs", 300));
        String plan = server.addPlan("Daily backup");
        String machine = http.register("web-01").get("resource_id").asText();
        Answer applied = call("POST", "/api/v1/policy_applications",
                Map.of("policy_id", plan, "context", Map.of("items", List.of(machine))));
        assertEquals(204, applied.status());
        String query = "/api/v1/policy_applications?policy_id=" + plan + "&context_id=" + machine;
        JsonNode body = call("GET", query, null).body();
        assertEquals(1, body.at("/paging/cursors/total").asInt());
        assertEquals("DEPLOYING", body.at("/items/0/0/deployment/state").asText());
        assertEquals(machine, body.at("/items/0/0/context/id").asText());
        assertEquals("Daily backup", body.at("/items/0/0/policy/name").asText());
        Thread.sleep(350);
        assertEquals("DEPLOYED", call("GET", query, null).body().at("/items/0/0/deployment/state").asText());
        assertEquals(0, call("GET", "/api/v1/policy_applications?context_id=other", null).body()
                .at("/paging/cursors/total").asInt());
    }

    @Test
    void applying_with_issues_answers_200_and_a_run_is_accepted_with_202() throws Exception {
        http.faults(Map.of("applyIssues", true, "runTakesMs", 200, "upperCaseFields", true));
        String plan = server.addPlan("Daily backup");
        String machine = http.register("web-01").get("resource_id").asText();
        Answer applied = call("POST", "/api/v1/policy_applications",
                Map.of("policy_id", plan, "context", Map.of("items", List.of(machine))));
        assertEquals(200, applied.status());
        assertTrue(applied.body().at("/issues/0/message").asText().contains("almost full"));
        assertEquals(202, call("POST", "/api/v1/policy_applications:run",
                Map.of("state", "RUNNING", "policy_id", plan, "context_ids", List.of(machine))).status());
        String query = "/api/v1/policy_applications?policy_id=" + plan + "&context_id=" + machine;
        JsonNode running = call("GET", query, null).body().at("/items/0/0");
        assertEquals("running", running.at("/RUNNING/STATE").asText());
        assertEquals("deployed", running.at("/DEPLOYMENT/STATE").asText());
        Thread.sleep(250);
        JsonNode done = call("GET", query, null).body().at("/items/0/0");
        assertEquals("idle", done.at("/RUNNING/STATE").asText());
        assertEquals("ok", done.get("STATUS").asText());
        assertTrue(done.hasNonNull("last_success_time"));
    }
}
