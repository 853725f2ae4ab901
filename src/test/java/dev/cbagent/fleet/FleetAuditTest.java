package dev.cbagent.fleet;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.ApiConfig;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.sandbox.AgentRegistration;
import dev.cbagent.sandbox.Faults;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read-only audit of {@code fleet status} and dry runs against the real sandbox. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FleetAuditTest {
    private final SandboxServer server = SandboxServer.start(SandboxConfig.defaults());
    private final List<Host> hosts = new ArrayList<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, HostPlan> plans = new LinkedHashMap<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private void hosts(int n, String password) {
        HostPlan plan = new HostPlan(null, null, new ApiTarget(ApiConfig.of(server.baseUri(), SandboxConfig.DEFAULT_LOGIN,
                password), true, Duration.ofSeconds(30)), null);
        for (int i = 0; i < n; i++) {
            String address = "10.0." + i / 256 + "." + i % 256;
            hosts.add(new Host(address, 22, "root", null, null, null, false, null, null, Map.of(), i + 1));
            names.put(address, String.format("h-%04d", i));
            plans.put(address, plan);
        }
    }

    private FleetAudit audit() {
        return new FleetAudit(target -> new ApiClient(target.config()));
    }

    @Test
    void every_host_is_judged_in_list_order_with_one_login_and_a_query_per_100_hosts() {
        hosts(450, SandboxConfig.DEFAULT_PASSWORD);
        for (int i = 0; i < 450; i += 2) {
            server.registerAgent(AgentRegistration.anonymous(String.format("h-%04d", i)));
        }
        FleetAudit audit = audit();

        Map<String, FleetAudit.Finding> findings = audit.audit(hosts, names, plans);

        assertEquals(hosts.stream().map(Host::label).toList(), List.copyOf(findings.keySet()));
        for (int i = 0; i < 450; i++) {
            HostResult.Status expected = i % 2 == 0 ? HostResult.Status.REGISTERED : HostResult.Status.MISSING;
            assertEquals(expected, findings.get(hosts.get(i).label()).status(), "host " + i);
        }
        assertEquals(1, server.apiRequests("/idp/token"));
        assertEquals(6, server.apiRequests(), "a login and 5 queries");
        assertEquals(6, audit.requests());
        assertTrue(server.apiPeakInFlight() <= FleetAudit.QUERIES_AT_ONCE, "peak " + server.apiPeakInFlight());
    }

    @Test
    void queries_after_the_first_are_in_flight_together_at_most_4_at_a_time() {
        hosts(900, SandboxConfig.DEFAULT_PASSWORD);
        server.faults().set(new Faults(0, 300, 0, 0, false)); // every answer waits, so queries sent together meet

        Map<String, FleetAudit.Finding> findings = audit().audit(hosts, names, plans);

        assertEquals(900, findings.size());
        assertEquals(10, server.apiRequests(), "a login and 9 queries");
        int peak = server.apiPeakInFlight();
        assertTrue(peak >= 2 && peak <= FleetAudit.QUERIES_AT_ONCE, "at most " + FleetAudit.QUERIES_AT_ONCE
                + " queries at once, and more than one: " + peak);
    }

    @Test
    void wrong_credentials_are_tried_once_however_many_queries_there_are() {
        hosts(900, "not-the-password");

        CbagentException e = assertThrows(CbagentException.class, () -> audit().audit(hosts, names, plans));

        assertEquals(ExitCode.SERVER_UNAVAILABLE, e.exitCode(), e.getMessage());
        assertEquals(1, server.apiRequests("/idp/token"));
        assertEquals(1, server.apiRequests());
        assertEquals(1, server.apiPeakInFlight());
    }
}
