package dev.cbagent.fleet;

import dev.cbagent.api.ApiConfig;
import dev.cbagent.verify.Registration;
import dev.cbagent.verify.VerificationOutcome;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The confirming thread, against a fake server that knows a set of names. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConfirmationsTest {
    private static final Confirmations.Timing TIMING = new Confirmations.Timing(Duration.ofMillis(300),
            Duration.ofMillis(50), Duration.ofMillis(200));

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final List<List<String>> rounds = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> ended = new ConcurrentHashMap<>();
    private volatile RuntimeException failure;

    private ApiTarget target(Duration timeout) {
        return new ApiTarget(ApiConfig.of(URI.create("http://127.0.0.1:9"), "admin", "pw"), false, timeout);
    }

    private Confirmations<String> confirmations() {
        return new Confirmations<>(t -> (probes, online) -> {
            List<String> names = probes.stream().map(Confirmations.Probe::hostname).toList();
            rounds.add(names);
            if (failure != null) {
                throw failure;
            }
            Map<String, Registration> confirmed = new HashMap<>();
            Map<String, String> pending = new HashMap<>();
            for (String n : names) {
                if (known.contains(n)) {
                    confirmed.put("name:" + n, new Registration(n, "id-" + n, "agent-" + n, n, true));
                } else {
                    pending.put("name:" + n, "not found");
                }
            }
            return new VerificationOutcome(confirmed, pending);
        }, new Confirmations.Listener<>() {
            @Override
            public void confirmed(String item, Registration registration) {
                ended.put(item, "confirmed " + registration.resourceId());
            }

            @Override
            public void expired(String item, String reason) {
                ended.put(item, "expired: " + reason);
            }
        }, TIMING);
    }

    @Test
    void hosts_installed_one_after_another_share_rounds_spaced_by_the_gap() throws Exception {
        Confirmations<String> c = confirmations();
        ApiTarget target = target(Duration.ofSeconds(10));
        long start = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            known.add("h" + i);
            c.add("h" + i, new Confirmations.Probe("h" + i, null), target);
            Thread.sleep(30);
        }
        c.installsFinished();
        c.await();

        assertEquals(30, ended.size());
        assertTrue(ended.values().stream().allMatch(v -> v.startsWith("confirmed")), ended::toString);
        long seconds = Math.max(1, (System.nanoTime() - start) / 1_000_000_000L);
        assertTrue(rounds.size() <= 2 + 4 * seconds, () -> rounds.size() + " rounds for 30 hosts: " + rounds);
        assertTrue(rounds.stream().anyMatch(r -> r.size() > 1), "no round took several hosts along: " + rounds);
    }

    @Test
    void after_the_last_install_a_new_host_is_checked_at_once_not_after_the_gap() throws Exception {
        Confirmations<String> c = confirmations();
        ApiTarget target = target(Duration.ofSeconds(10));
        known.add("a");
        known.add("b");
        c.add("a", new Confirmations.Probe("a", null), target);
        Thread.sleep(20);
        long start = System.nanoTime();
        c.add("b", new Confirmations.Probe("b", null), target);
        c.installsFinished();
        c.await();

        assertEquals("confirmed id-b", ended.get("b"));
        assertTrue(System.nanoTime() - start < 250_000_000L, "waited for the gap after the last install");
    }

    @Test
    void a_host_never_seen_expires_at_its_deadline_with_the_reason_and_api_errors_are_retried() throws Exception {
        Confirmations<String> c = confirmations();
        failure = new IllegalStateException("cannot connect to the management server");
        c.add("lost", new Confirmations.Probe("lost", null), target(Duration.ofMillis(400)));
        c.add("late", new Confirmations.Probe("late", null), target(Duration.ofSeconds(5)));
        c.installsFinished();
        Thread.sleep(150);
        failure = null;
        known.add("late");
        c.await();

        assertEquals("expired: not found", ended.get("lost"));
        assertEquals("confirmed id-late", ended.get("late"));
        assertTrue(rounds.size() >= 3, rounds::toString);
    }

    @Test
    void stop_returns_the_hosts_still_pending() {
        Confirmations<String> c = confirmations();
        c.add("x", new Confirmations.Probe("x", null), target(Duration.ofSeconds(30)));
        assertEquals(List.of("x"), c.stop());
        assertEquals(Map.of(), ended);
    }
}
