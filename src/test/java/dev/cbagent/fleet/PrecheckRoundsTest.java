package dev.cbagent.fleet;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.ApiConfig;
import dev.cbagent.api.MachineResource;
import dev.cbagent.sandbox.AgentRegistration;
import dev.cbagent.sandbox.RegisteredAgent;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.verify.MachineFinder;
import dev.cbagent.verify.PollSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batched pre-check by id against the sandbox, with a gather long enough that waiting it out shows. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PrecheckRoundsTest {
    private static final Duration GATHER = Duration.ofSeconds(5);
    private static final long OTHER_ASKS_AFTER_MS = 400;

    private SandboxServer sandbox;
    private ApiTarget target;
    private ApiClient api;
    private MachineFinder finder;
    private final PrecheckRounds rounds = new PrecheckRounds(GATHER);

    @BeforeEach
    void start() {
        sandbox = SandboxServer.start(SandboxConfig.defaults());
        target = new ApiTarget(ApiConfig.of(sandbox.baseUri(), SandboxConfig.DEFAULT_LOGIN,
                SandboxConfig.DEFAULT_PASSWORD), false, Duration.ofSeconds(10));
        api = new ApiClient(target.config());
        finder = new MachineFinder(api, PollSettings.standard());
    }

    @AfterEach
    void stop() {
        api.close();
        sandbox.close();
    }

    @Test
    void a_host_no_other_host_can_join_is_asked_at_once() throws Exception {
        RegisteredAgent agent = sandbox.registerAgent(AgentRegistration.anonymous("node-1"));
        long started = System.nanoTime();
        Optional<MachineResource> found;
        try (PrecheckRounds.Arrival arrival = rounds.arriving()) {
            found = rounds.byId(arrival, target, finder, agent.resourceId());
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertTrue(found.isPresent());
        assertTrue(ms < 2_000, () -> "waited " + ms + " ms for hosts that could not join (gather " + GATHER + ")");
        assertEquals(0, sandbox.apiRequests("/api/v1/resources/" + agent.resourceId()), "asked in the batch query");
    }

    @Test
    void a_host_waits_for_one_still_connecting_and_both_share_one_query() throws Exception {
        RegisteredAgent one = sandbox.registerAgent(AgentRegistration.anonymous("node-1"));
        RegisteredAgent two = sandbox.registerAgent(AgentRegistration.anonymous("node-2"));
        long listsBefore = sandbox.apiRequests("/api/v1/resources");
        PrecheckRounds.Arrival first = rounds.arriving();
        PrecheckRounds.Arrival second = rounds.arriving();
        long started = System.nanoTime();
        CompletableFuture<Long> firstAnswered = asks(first, one.resourceId(), started);
        Thread.sleep(OTHER_ASKS_AFTER_MS);
        assertTrue(rounds.byId(second, target, finder, two.resourceId()).isPresent());
        long firstMs = firstAnswered.get(10, TimeUnit.SECONDS);

        assertTrue(firstMs >= OTHER_ASKS_AFTER_MS, () -> "answered after " + firstMs + " ms, before the other asked");
        assertTrue(firstMs < 2_000, () -> "answered after " + firstMs + " ms: the wait did not end when it could");
        assertEquals(1, sandbox.apiRequests("/api/v1/resources") - listsBefore, "one id=or(...) query for both");
        assertEquals(0, sandbox.apiRequests("/api/v1/resources/" + one.resourceId())
                + sandbox.apiRequests("/api/v1/resources/" + two.resourceId()));
    }

    @Test
    void a_host_that_stops_connecting_without_asking_ends_the_wait() throws Exception {
        RegisteredAgent one = sandbox.registerAgent(AgentRegistration.anonymous("node-1"));
        PrecheckRounds.Arrival first = rounds.arriving();
        PrecheckRounds.Arrival unreachable = rounds.arriving();
        long started = System.nanoTime();
        CompletableFuture<Long> firstAnswered = asks(first, one.resourceId(), started);
        Thread.sleep(OTHER_ASKS_AFTER_MS);
        unreachable.close();
        long firstMs = firstAnswered.get(10, TimeUnit.SECONDS);

        assertTrue(firstMs >= OTHER_ASKS_AFTER_MS, () -> "answered after " + firstMs
                + " ms, while the other connected");
        assertTrue(firstMs < 2_000, () -> "answered after " + firstMs + " ms: the wait did not end when it could");
    }

    private CompletableFuture<Long> asks(PrecheckRounds.Arrival arrival, String id, long started) {
        return CompletableFuture.supplyAsync(() -> {
            try (arrival) {
                if (rounds.byId(arrival, target, finder, id).isEmpty()) {
                    throw new AssertionError("not found: " + id);
                }
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
