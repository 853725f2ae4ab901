package dev.cbagent.protect;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.ApiConfig;
import dev.cbagent.api.Sleeper;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.sandbox.AgentRegistration;
import dev.cbagent.sandbox.Faults;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protection logic against the real sandbox over HTTP, with short polling waits. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProtectionServiceTest {
    private static final ProtectionTimings FAST = new ProtectionTimings(Duration.ofMillis(20), Duration.ofMillis(100));

    private SandboxServer server;
    private final List<String> talk = new ArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ProtectionService service(Faults faults) {
        server = SandboxServer.start(SandboxConfig.defaults().withFaults(faults));
        ApiClient api = new ApiClient(ApiConfig.of(server.baseUri(), SandboxConfig.DEFAULT_LOGIN, SandboxConfig.DEFAULT_PASSWORD));
        return new ProtectionService(api, Clock.systemUTC(), Sleeper.system(), FAST, talk::add);
    }

    private Machine machine(String name) {
        return new Machine(server.registerAgent(AgentRegistration.anonymous(name)).resourceId(), name);
    }

    private static ProtectionPlan spec(String group, boolean create, String plan) {
        return new ProtectionPlan(group, create, plan, Duration.ofSeconds(5), false, null);
    }

    private static ProtectionReport protect(ProtectionService service, ProtectionPlan spec, Machine... machines) {
        return service.protect(spec, service.resolve(spec), List.of(machines));
    }

    @Nested
    class One_machine {
        @Test
        void joins_the_group_gets_the_plan_deployed_and_a_second_run_changes_nothing() {
            ProtectionService service = service(Faults.none().withDeployAfterMs(300));
            server.addStaticGroup("Servers");
            server.addPlan("Daily backup");
            Machine web = machine("web-01");

            ProtectionReport first = protect(service, spec("Servers", false, "Daily backup"), web);
            MachineProtection m = first.machines().get(0);
            assertTrue(first.changed());
            assertTrue(m.added() && m.applied() && m.deployed(), m::toString);
            assertEquals("DEPLOYED", m.deploymentState());
            assertEquals(List.of("web-01"), server.groupMembers("Servers"));
            assertTrue(talk.stream().anyMatch(t -> t.contains("waiting up to 5s")), talk::toString);

            ProtectionReport second = protect(service, spec("Servers", false, "Daily backup"), web);
            assertFalse(second.changed(), second::toString);
            assertTrue(second.machines().get(0).deployed());
            assertEquals(1, server.state().get("policyApplications").asInt());
        }

        @Test
        void finds_the_group_and_the_plan_by_id_as_well() {
            ProtectionService service = service(Faults.none());
            String group = server.addStaticGroup("Servers");
            String plan = server.addPlan("Daily backup");
            ProtectionReport report = protect(service, spec(group.toLowerCase(), false, plan), machine("web-01"));
            assertEquals("Servers", report.group().name());
            assertEquals("Daily backup", report.policy().name());
            assertTrue(report.machines().get(0).deployed());
        }

        @Test
        void creates_a_missing_group_once_when_asked() {
            ProtectionService service = service(Faults.none());
            Machine web = machine("web-01");
            ProtectionReport first = protect(service, spec("New group", true, null), web);
            assertTrue(first.groupCreated());
            assertEquals(List.of("web-01"), server.groupMembers("New group"));
            ProtectionReport second = protect(service, spec("New group", true, null), web);
            assertFalse(second.groupCreated());
            assertFalse(second.changed());
            assertEquals(1, server.state().get("groups").asInt());
        }

        @Test
        void reports_the_warnings_of_a_200_answer() {
            ProtectionService service = service(Faults.none().withApplyIssues(true));
            server.addPlan("Daily backup");
            ProtectionReport report = protect(service, spec(null, false, "Daily backup"), machine("web-01"));
            assertEquals(1, report.warnings().size(), report::toString);
            assertTrue(report.warnings().get(0).contains("almost full"), report::toString);
            assertTrue(talk.stream().anyMatch(t -> t.startsWith("warning: ")), talk::toString);
            assertFalse(report.failed());
        }

        @Test
        void a_plan_that_never_deploys_is_an_error_naming_its_state_after_the_wait() {
            ProtectionService service = service(Faults.none().withNeverDeployed(true));
            server.addPlan("Daily backup");
            ProtectionPlan spec = new ProtectionPlan(null, false, "Daily backup", Duration.ofMillis(400), false, null);
            long start = System.nanoTime();
            ProtectionReport report = protect(service, spec, machine("web-01"));
            assertTrue(report.failed());
            String error = report.machines().get(0).error();
            assertTrue(error.contains("was not deployed on web-01 within 400ms (deployment state DEPLOYING)"), error);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        }

        @Test
        void reads_the_upper_case_fields_of_the_polling_example() {
            ProtectionService service = service(Faults.none().withUpperCaseFields(true).withRunTakesMs(200));
            server.addPlan("Daily backup");
            ProtectionPlan spec = new ProtectionPlan(null, false, "Daily backup", Duration.ofSeconds(5), true,
                    Duration.ofSeconds(5));
            MachineProtection m = protect(service, spec, machine("web-01")).machines().get(0);
            assertTrue(m.deployed(), m::toString);
            assertTrue(m.ran(), m::toString);
            assertEquals("ok", m.runStatus());
        }

        @Test
        void run_now_runs_once_and_not_again_on_the_next_call() {
            ProtectionService service = service(Faults.none().withRunTakesMs(150));
            server.addPlan("Daily backup");
            Machine web = machine("web-01");
            ProtectionPlan spec = new ProtectionPlan(null, false, "Daily backup", Duration.ofSeconds(5), true,
                    Duration.ofSeconds(5));
            MachineProtection first = protect(service, spec, web).machines().get(0);
            assertTrue(first.ran() && first.error() == null, first::toString);
            ProtectionReport second = protect(service, spec, web);
            assertFalse(second.changed(), second::toString);
            assertEquals(1, server.apiRequests("/api/v1/policy_applications:run"));
        }

        @Test
        void an_instant_run_is_seen_finished_by_its_new_run_time() {
            ProtectionService service = service(Faults.none());
            server.addPlan("Daily backup");
            ProtectionPlan spec = new ProtectionPlan(null, false, "Daily backup", Duration.ofSeconds(5), true,
                    Duration.ofSeconds(5));
            MachineProtection m = protect(service, spec, machine("web-01")).machines().get(0);
            assertTrue(m.ran(), m::toString);
        }

        @Test
        void a_failed_run_is_an_error_naming_its_status() {
            ProtectionService service = service(Faults.none().withRunFails(true).withRunTakesMs(50));
            server.addPlan("Daily backup");
            ProtectionPlan spec = new ProtectionPlan(null, false, "Daily backup", Duration.ofSeconds(5), true,
                    Duration.ofSeconds(5));
            MachineProtection m = protect(service, spec, machine("web-01")).machines().get(0);
            assertNotNull(m.error());
            assertTrue(m.error().contains("ended with status 'ERROR'"), m.error());
        }

        @Test
        void a_plan_applied_to_the_group_reaches_a_new_member_without_a_second_application() {
            ProtectionService service = service(Faults.none());
            server.addStaticGroup("Servers");
            server.addPlan("Daily backup");
            Machine first = machine("web-01");
            protect(service, spec("Servers", false, null), first);
            ProtectionPlan spec = spec("Servers", false, "Daily backup");
            ProtectionTargets targets = service.resolve(spec);
            // apply the plan to the group itself, as an administrator would in the console
            service.protect(new ProtectionPlan(null, false, "Daily backup", Duration.ZERO, false, null), targets,
                    List.of(new Machine(targets.group().id(), "Servers")));
            Machine second = machine("web-02");
            MachineProtection m = service.protect(spec, targets, List.of(second)).machines().get(0);
            assertTrue(m.added(), m::toString);
            assertFalse(m.applied(), m::toString);
            assertTrue(m.deployed(), m::toString);
        }
    }

    @Nested
    class Unknown_targets {
        @Test
        void an_unknown_plan_is_exit_2_naming_it_with_a_suggestion() {
            ProtectionService service = service(Faults.none());
            server.addPlan("Daily backup");
            CbagentException e = assertThrows(CbagentException.class,
                    () -> service.resolve(spec(null, false, "Daily bakup")));
            assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
            assertTrue(e.getMessage().contains("no protection plan 'Daily bakup'")
                    && e.getMessage().contains("did you mean 'Daily backup'"), e.getMessage());
        }

        @Test
        void an_unknown_group_is_exit_2_unless_it_may_be_created() {
            ProtectionService service = service(Faults.none());
            server.addStaticGroup("Servers");
            CbagentException e = assertThrows(CbagentException.class, () -> service.resolve(spec("Srvers", false, null)));
            assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
            assertTrue(e.getMessage().contains("no static group 'Srvers'") && e.getMessage().contains("'Servers'"),
                    e.getMessage());
            assertTrue(service.resolve(spec("Srvers", true, null)).groupMissing());
        }

        @Test
        void a_machine_name_is_not_taken_for_a_group() {
            ProtectionService service = service(Faults.none());
            machine("Servers");
            assertThrows(CbagentException.class, () -> service.resolve(spec("Servers", false, null)));
        }
    }

    @Nested
    class A_batch {
        @Test
        void is_one_patch_and_one_application_for_all_machines() {
            ProtectionService service = service(Faults.none());
            server.addStaticGroup("Servers");
            server.addPlan("Daily backup");
            Machine a = machine("web-01");
            Machine b = machine("web-02");
            Machine c = machine("web-03");
            ProtectionPlan spec = spec("Servers", false, "Daily backup");
            ProtectionReport report = service.protect(spec, service.resolve(spec), List.of(a, b, c));
            assertEquals(3, report.machines().stream().filter(MachineProtection::deployed).count(), report::toString);
            assertEquals(List.of("web-01", "web-02", "web-03"), server.groupMembers("Servers"));
            assertEquals(1, server.state().at("/requests/byPath").path("/api/v1/groups/" + report.group().id()
                    + "/resources").asInt(), server.state()::toString);
            assertEquals(3, server.state().get("policyApplications").asInt());
        }

        @Test
        void a_preview_says_what_would_change_and_changes_nothing() {
            ProtectionService service = service(Faults.none());
            server.addPlan("Daily backup");
            Machine a = machine("web-01");
            ProtectionPlan spec = spec("New group", true, "Daily backup");
            ProtectionReport report = service.preview(spec, service.resolve(spec), List.of(a));
            assertTrue(report.preview() && report.changed() && report.groupCreated());
            assertTrue(report.machines().get(0).applied());
            assertEquals(0, server.state().get("groups").asInt());
            assertEquals(0, server.state().get("policyApplications").asInt());
        }
    }
}
