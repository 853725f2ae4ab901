package dev.cbagent.api;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.sandbox.AgentRegistration;
import dev.cbagent.sandbox.Faults;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST and PATCH with JSON bodies, against the sandbox: same login, retry and error handling as reads. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApiClientWriteTest {
    private SandboxServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiClient client(Faults faults) {
        server = SandboxServer.start(SandboxConfig.defaults().withFaults(faults));
        return new ApiClient(ApiConfig.of(server.baseUri(), "admin", SandboxConfig.DEFAULT_PASSWORD),
                RetryPolicy.standard(d -> { }));
    }

    @Test
    void a_204_answer_has_no_body() {
        ApiClient api = client(Faults.none());
        String group = server.addStaticGroup("Servers");
        String machine = server.registerAgent(AgentRegistration.anonymous("web-01")).resourceId();
        ApiAnswer answer = api.patch("/api/v1/groups/" + group + "/resources", Map.of("add", List.of(machine)));
        assertEquals(204, answer.status());
        assertTrue(answer.body().isMissingNode());
    }

    @Test
    void a_post_is_repeated_after_503_and_sent_again_with_a_fresh_token_after_401() {
        ApiClient api = client(Faults.none());
        server.addPlan("Daily backup");
        api.login();
        server.faults().revokeTokens();
        server.faults().set(server.faults().current().withFail503(2));
        ApiAnswer answer = api.post("/api/v1/groups", Map.of("name", "Servers", "type", "group.computers"));
        assertEquals(201, answer.status());
        assertEquals("Servers", answer.body().get("name").asText());
        assertEquals(2, server.apiRequests("/idp/token"));
    }

    @Test
    void a_refused_write_is_one_sentence_with_the_server_message_and_exit_6() {
        ApiClient api = client(Faults.none());
        CbagentException e = assertThrows(CbagentException.class,
                () -> api.patch("/api/v1/groups/no-such-group/resources", Map.of("add", List.of("x"))));
        assertEquals(ExitCode.SERVER_UNAVAILABLE, e.exitCode());
        assertTrue(e.getMessage().contains("refused PATCH /api/v1/groups/no-such-group/resources (404 Not Found: group"),
                e.getMessage());
    }

    @Test
    void send_returns_a_conflict_instead_of_throwing() {
        ApiClient api = client(Faults.none());
        server.addStaticGroup("Servers");
        ApiAnswer answer = api.send("POST", "/api/v1/groups", Query.empty(), Map.of("name", "Servers"));
        assertEquals(409, answer.status());
        assertTrue(api.refusal(answer, "POST", "/api/v1/groups").getMessage().contains("409 Conflict"));
    }
}
