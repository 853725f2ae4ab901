package dev.cbagent.verify;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.ApiConfig;
import dev.cbagent.api.RetryPolicy;
import dev.cbagent.sandbox.AgentRegistration;
import dev.cbagent.sandbox.Faults;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.testing.MovableClock;
import dev.cbagent.testing.SandboxHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verifier with the real client against the real sandbox; both share a clock that moves instead of waiting. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RegistrationVerifierTest {
    private final MovableClock clock = MovableClock.startingNow();
    private final List<SandboxServer> servers = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(SandboxServer::close);
    }

    private SandboxServer sandbox(Faults faults) {
        SandboxServer server = SandboxServer.start(SandboxConfig.defaults().withClock(clock).withFaults(faults));
        servers.add(server);
        return server;
    }

    private SandboxServer sandbox() {
        return sandbox(Faults.none());
    }

    private static ApiClient client(SandboxServer server) {
        return new ApiClient(ApiConfig.of(server.baseUri(), "admin", SandboxConfig.DEFAULT_PASSWORD),
                RetryPolicy.standard(d -> { }));
    }

    private RegistrationVerifier verifier(ApiClient api) {
        return verifier(api, PollSettings.standard());
    }

    private RegistrationVerifier verifier(ApiClient api, PollSettings settings) {
        return new RegistrationVerifier(api, clock, d -> {
            waits.add(d);
            clock.advance(d);
        }, settings);
    }

    @Test
    void confirms_a_registered_machine_in_one_round() {
        SandboxServer server = sandbox();
        var agent = server.registerAgent(AgentRegistration.anonymous("web-01"));

        Map<String, Registration> confirmed = verifier(client(server)).await(List.of("web-01"), false, Duration.ofMinutes(1));

        assertEquals(new Registration("web-01", agent.resourceId(), agent.agentId(), "web-01", true), confirmed.get("web-01"));
        assertTrue(waits.isEmpty());
        assertEquals(1, server.apiRequests(ApiClient.RESOURCES));
    }

    @Test
    void does_not_confirm_a_machine_that_never_appears_and_stops_at_the_deadline() {
        SandboxServer server = sandbox();
        VerificationOutcome outcome = verifier(client(server)).awaitOutcome(List.of("ghost"), false, Duration.ofSeconds(40));

        assertTrue(outcome.confirmed().isEmpty());
        assertEquals("not found", outcome.pending().get("ghost"));
        assertEquals(List.of(1L, 2L, 4L, 8L, 15L, 10L), waits.stream().map(Duration::toSeconds).toList());
        assertEquals(7, server.apiRequests(ApiClient.RESOURCES));
    }

    @Test
    void waits_for_a_machine_that_appears_late() {
        SandboxServer server = sandbox(Faults.none().withAppearAfterMs(5_000));
        server.registerAgent(AgentRegistration.anonymous("late-01"));

        Map<String, Registration> confirmed = verifier(client(server)).await(List.of("late-01"), false, Duration.ofMinutes(1));

        assertTrue(confirmed.containsKey("late-01"));
        assertEquals(List.of(1L, 2L, 4L), waits.stream().map(Duration::toSeconds).toList());
    }

    @Test
    void waits_for_the_agent_to_come_online_when_asked_to() {
        SandboxServer server = sandbox(Faults.none().withOnlineAfterMs(3_000));
        server.registerAgent(AgentRegistration.anonymous("web-01"));

        Registration r = verifier(client(server)).await(List.of("web-01"), true, Duration.ofMinutes(1)).get("web-01");

        assertTrue(r.online());
        assertEquals(List.of(1L, 2L), waits.stream().map(Duration::toSeconds).toList());
    }

    @Test
    void confirms_an_offline_agent_unless_online_is_required() {
        SandboxServer server = sandbox(Faults.none().withNeverOnline(true));
        server.registerAgent(AgentRegistration.anonymous("web-01"));
        ApiClient api = client(server);

        assertFalse(verifier(api).await(List.of("web-01"), false, Duration.ZERO).get("web-01").online());
        VerificationOutcome outcome = verifier(api).awaitOutcome(List.of("web-01"), true, Duration.ofSeconds(5));
        assertTrue(outcome.confirmed().isEmpty());
        assertTrue(outcome.pending().get("web-01").contains("offline"), outcome.pending().toString());
    }

    @Test
    void rejects_look_alikes_of_the_host() {
        SandboxServer server = sandbox();
        SandboxHttp http = new SandboxHttp(server.baseUri());
        http.seed("{\"type\":\"resource.group.computers\",\"name\":\"web-01\",\"agent_id\":\"G\"}");
        http.seed("{\"type\":\"resource.machine\",\"name\":\"web-01\",\"agent_id\":\"D\",\"deleted_at\":\"2025-01-01T00:00:00Z\"}");
        http.seed("{\"type\":\"resource.machine\",\"name\":\"WEB-01\",\"agent_id\":\"\"}");
        http.seed("{\"type\":\"resource.machine\",\"name\":\"web-01-old\",\"agent_id\":\"O\"}");
        http.seed("{\"type\":\"resource.machine\",\"name\":\"web-010\",\"agent_id\":\"T\"}");

        VerificationOutcome outcome = verifier(client(server)).awaitOutcome(List.of("web-01"), false, Duration.ofSeconds(3));

        assertTrue(outcome.confirmed().isEmpty());
        assertEquals("'WEB-01' has no agent", outcome.pending().get("web-01"));
    }

    @Test
    void picks_the_live_machine_among_look_alikes_and_matches_short_name_and_fqdn() {
        SandboxServer server = sandbox();
        SandboxHttp http = new SandboxHttp(server.baseUri());
        http.seed("{\"type\":\"resource.machine\",\"name\":\"web-01\",\"agent_id\":\"D\",\"deleted_at\":\"2025-01-01T00:00:00Z\"}");
        server.registerAgent(AgentRegistration.anonymous("WEB-01"));
        server.registerAgent(AgentRegistration.anonymous("db-01"));

        Map<String, Registration> confirmed = verifier(client(server))
                .await(List.of("web-01", "db-01.example.ru"), false, Duration.ZERO);

        assertEquals("WEB-01", confirmed.get("web-01").name());
        assertEquals("db-01", confirmed.get("db-01.example.ru").name());
    }

    @Test
    void confirms_a_fleet_of_250_with_a_handful_of_requests() throws Exception {
        SandboxServer server = sandbox();
        SandboxHttp http = new SandboxHttp(server.baseUri());
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            hosts.add(String.format("Node-%03d", i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<?>> registrations = new ArrayList<>();
            for (String host : hosts) {
                registrations.add(pool.submit(() -> http.register(host.toLowerCase())));
            }
            for (Future<?> f : registrations) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        ApiClient api = client(server);

        Map<String, Registration> confirmed = verifier(api).await(hosts, true, Duration.ofMinutes(5));

        assertEquals(250, confirmed.size());
        assertTrue(api.requestCount() <= 6, "requests: " + api.requestCount());
        assertTrue(server.apiRequests(ApiClient.RESOURCES) <= 5);
    }

    @Test
    void queries_only_pending_hosts_in_later_rounds() {
        SandboxServer server = sandbox();
        server.registerAgent(AgentRegistration.anonymous("web-01"));
        List<String> queried = new ArrayList<>();
        ApiClient api = client(server);
        RegistrationVerifier verifier = new RegistrationVerifier(api, clock, d -> {
            clock.advance(d);
            if (queried.isEmpty()) {
                queried.add("slept");
                server.registerAgent(AgentRegistration.anonymous("web-02"));
            }
        }, PollSettings.standard());

        Map<String, Registration> confirmed = verifier.await(List.of("web-01", "web-02"), false, Duration.ofMinutes(1));

        assertEquals(2, confirmed.size());
        assertEquals(2, server.apiRequests(ApiClient.RESOURCES));
    }

    @Test
    void splits_the_batch_only_when_the_url_would_be_too_long() {
        SandboxServer server = sandbox();
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String host = "host-with-a-rather-long-name-" + i;
            hosts.add(host);
            server.registerAgent(AgentRegistration.anonymous(host));
        }
        ApiClient api = client(server);
        Map<String, Registration> confirmed = verifier(api, new PollSettings(Duration.ofSeconds(1), Duration.ofSeconds(15), 200, 1500))
                .await(hosts, false, Duration.ZERO);

        assertEquals(60, confirmed.size());
        long queries = server.apiRequests(ApiClient.RESOURCES);
        assertTrue(queries >= 3 && queries <= 6, "queries: " + queries);
        for (var query : BatchQueries.plan(hosts, api.baseUrl().toString().length(),
                new PollSettings(Duration.ofSeconds(1), Duration.ofSeconds(15), 200, 1500))) {
            assertTrue(api.baseUrl().toString().length() + ApiClient.RESOURCES.length() + query.encode().length() < 1500);
        }
    }

    @Test
    void logs_in_again_when_the_token_expires_while_polling() {
        SandboxServer server = sandbox(Faults.none().withAppearAfterMs(4_000));
        server.registerAgent(AgentRegistration.anonymous("web-01"));
        ApiClient api = client(server);
        RegistrationVerifier verifier = new RegistrationVerifier(api, clock, d -> {
            clock.advance(d);
            server.faults().revokeTokens();
        }, PollSettings.standard());

        assertTrue(verifier.await(List.of("web-01"), false, Duration.ofMinutes(1)).containsKey("web-01"));
        assertEquals(4, server.apiRequests("/idp/token"));
    }

    @Test
    void survives_503_answers_while_polling() {
        SandboxServer server = sandbox(Faults.none().withFail503(2));
        server.registerAgent(AgentRegistration.anonymous("web-01"));
        assertTrue(verifier(client(server)).await(List.of("web-01"), false, Duration.ZERO).containsKey("web-01"));
    }
}
