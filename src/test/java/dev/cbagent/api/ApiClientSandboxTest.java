package dev.cbagent.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.sandbox.AgentRegistration;
import dev.cbagent.sandbox.Faults;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.testing.SandboxHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real client against the real sandbox over HTTP. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApiClientSandboxTest {
    private final List<SandboxServer> servers = new ArrayList<>();
    private final AtomicInteger sleeps = new AtomicInteger();

    @AfterEach
    void stopServers() {
        servers.forEach(SandboxServer::close);
    }

    private SandboxServer sandbox(SandboxConfig config) {
        SandboxServer server = SandboxServer.start(config);
        servers.add(server);
        return server;
    }

    private SandboxServer sandbox() {
        return sandbox(SandboxConfig.defaults());
    }

    private ApiClient client(SandboxServer server, String password) {
        return new ApiClient(ApiConfig.of(server.baseUri(), "admin", password),
                RetryPolicy.standard(d -> sleeps.incrementAndGet()));
    }

    private ApiClient client(SandboxServer server) {
        return client(server, SandboxConfig.DEFAULT_PASSWORD);
    }

    @Test
    void logs_in_once_and_reads_a_registered_machine() {
        SandboxServer server = sandbox();
        server.registerAgent(AgentRegistration.anonymous("web-01"));
        ApiClient api = client(server);

        List<MachineResource> found = api.resources(Query.empty().eq("type", "resource.machine").eq("name", "web-01"));
        api.resources(Query.empty().eq("name", "web-01"));

        assertEquals(1, found.size());
        assertEquals("web-01", found.get(0).name());
        assertTrue(found.get(0).hasAgent());
        assertEquals(1, server.apiRequests("/idp/token"));
        assertEquals(3, api.requestCount());
    }

    @Test
    void follows_cursors_across_several_pages() {
        SandboxServer server = sandbox();
        for (int i = 0; i < 25; i++) {
            server.registerAgent(AgentRegistration.anonymous(String.format("node-%02d", i)));
        }
        ApiClient api = client(server);

        List<MachineResource> all = api.resources(Query.empty().where("name", Filter.hlike("node-")).limit(10));

        assertEquals(25, all.size());
        assertEquals(25, all.stream().map(MachineResource::id).distinct().count());
        assertEquals(3, server.apiRequests(ApiClient.RESOURCES));
    }

    @Test
    void every_page_of_a_list_without_its_own_page_size_is_asked_with_limit() {
        SandboxServer server = sandbox();
        server.setRequireLimit(true);
        for (int i = 0; i < 250; i++) {
            server.registerAgent(AgentRegistration.anonymous(String.format("node-%03d", i)));
        }
        List<JsonNode> all = client(server).getAll(ApiClient.RESOURCES, Query.empty().where("name", Filter.hlike("node-")));
        assertEquals(250, all.size());
        assertEquals(2, server.apiRequests(ApiClient.RESOURCES), "pages of " + ApiClient.DEFAULT_PAGE_LIMIT);
    }

    @Test
    void reports_a_page_and_its_cursor() {
        SandboxServer server = sandbox();
        for (int i = 0; i < 3; i++) {
            server.registerAgent(AgentRegistration.anonymous("n" + i));
        }
        Page first = client(server).page(ApiClient.RESOURCES, Query.empty().limit(2));
        assertEquals(2, first.items().size());
        assertTrue(first.hasNext());
    }

    @Test
    void finds_one_resource_by_id_and_nothing_for_an_unknown_id() {
        SandboxServer server = sandbox();
        String id = server.registerAgent(AgentRegistration.anonymous("web-01")).resourceId();
        ApiClient api = client(server);
        assertEquals("web-01", api.resource(id).orElseThrow().name());
        assertTrue(api.resource("no-such-id").isEmpty());
    }

    @Test
    void survives_two_503_answers() {
        SandboxServer server = sandbox(SandboxConfig.defaults().withFaults(Faults.none().withFail503(2)));
        ApiClient api = client(server);

        JsonNode body = api.get(ApiClient.RESOURCES, Query.empty());

        assertTrue(body.has("items"));
        assertEquals(2, sleeps.get());
    }

    @Test
    void gives_up_with_exit_6_after_three_503_answers() {
        SandboxServer server = sandbox();
        ApiClient api = client(server);
        api.login();
        new SandboxHttp(server.baseUri()).faults(Map.of("fail503", 3));

        CbagentException e = assertThrows(CbagentException.class, () -> api.get(ApiClient.RESOURCES, Query.empty()));

        assertEquals(ExitCode.SERVER_UNAVAILABLE, e.exitCode());
        assertTrue(e.getMessage().contains("503"), e.getMessage());
        assertEquals(4, api.requestCount());
    }

    @Test
    void logs_in_again_once_when_the_token_has_expired() {
        SandboxServer server = sandbox();
        ApiClient api = client(server);
        api.get(ApiClient.RESOURCES, Query.empty());
        server.faults().revokeTokens();

        api.get(ApiClient.RESOURCES, Query.empty());

        assertEquals(2, server.apiRequests("/idp/token"));
        assertEquals(3, server.apiRequests(ApiClient.RESOURCES));
    }

    @Test
    void fails_with_exit_6_when_even_a_fresh_token_is_refused() {
        SandboxServer server = sandbox(SandboxConfig.defaults().withTokenTtl(Duration.ZERO));
        CbagentException e = assertThrows(CbagentException.class,
                () -> client(server).get(ApiClient.RESOURCES, Query.empty()));
        assertEquals(ExitCode.SERVER_UNAVAILABLE, e.exitCode());
        assertEquals(2, server.apiRequests("/idp/token"));
    }

    @Test
    void says_the_login_was_rejected_when_the_password_is_wrong() {
        SandboxServer server = sandbox();
        CbagentException e = assertThrows(CbagentException.class, () -> client(server, "wrong-password").login());
        assertEquals(ExitCode.SERVER_UNAVAILABLE, e.exitCode());
        assertEquals("the management server rejected the login 'admin' (401)", e.getMessage());
    }

    @Test
    void fails_fast_with_exit_6_when_nothing_listens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port);
        ApiClient api = new ApiClient(ApiConfig.of(closed, "admin", "pw"), RetryPolicy.standard(d -> sleeps.incrementAndGet()));

        CbagentException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(CbagentException.class, api::login));

        assertEquals(ExitCode.SERVER_UNAVAILABLE, e.exitCode());
        assertEquals("cannot connect to the management server at " + closed + ": connection refused", e.getMessage());
        assertEquals(0, sleeps.get());
    }

    @Test
    void names_an_unresolvable_host() {
        ApiClient api = new ApiClient(ApiConfig.of(URI.create("http://no-such-host.invalid:9877"), "admin", "pw"));
        CbagentException e = assertThrows(CbagentException.class, api::login);
        assertEquals(ExitCode.SERVER_UNAVAILABLE, e.exitCode());
        assertTrue(e.getMessage().contains("cannot be resolved"), e.getMessage());
    }

    @Test
    void gives_up_when_the_server_answers_too_slowly() {
        SandboxServer server = sandbox(SandboxConfig.defaults().withFaults(Faults.none().withSlowMs(1500)));
        ApiClient api = new ApiClient(ApiConfig.of(server.baseUri(), "admin", SandboxConfig.DEFAULT_PASSWORD)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
        CbagentException e = assertThrows(CbagentException.class, api::login);
        assertEquals(ExitCode.SERVER_UNAVAILABLE, e.exitCode());
        assertTrue(e.getMessage().contains("did not answer within 300ms"), e.getMessage());
    }

    @Test
    void sends_values_with_commas_parentheses_and_cyrillic_intact() {
        SandboxServer server = sandbox();
        SandboxHttp http = new SandboxHttp(server.baseUri());
        http.seed("{\"type\":\"resource.machine\",\"name\":\"a,b (c) & d=e\",\"agent_id\":\"x\"}");
        http.seed("{\"type\":\"resource.machine\",\"name\":\"сервер-01\",\"agent_id\":\"y\"}");
        http.seed("{\"type\":\"resource.machine\",\"name\":\"a\",\"agent_id\":\"z\"}");
        ApiClient api = client(server);

        assertEquals(List.of("a,b (c) & d=e"), names(api, Query.empty().eq("name", "a,b (c) & d=e")));
        assertEquals(List.of("a,b (c) & d=e", "сервер-01"),
                names(api, Query.empty().where("name", Filter.or(List.of("сервер-01", "a,b (c) & d=e")))));
        assertEquals(List.of("сервер-01"), names(api, Query.empty().where("name", Filter.hlike("СЕРВЕР"))));
    }

    private static List<String> names(ApiClient api, Query query) {
        return api.resources(query).stream().map(MachineResource::name).toList();
    }
}
