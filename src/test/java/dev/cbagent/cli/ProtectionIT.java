package dev.cbagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.sandbox.Faults;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.support.JarRunner;
import dev.cbagent.support.SandboxRigTest;
import dev.cbagent.support.JarRunner.Result;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.cbagent.cli.ValidateAndPlanIT.oneJsonDocument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: install with a {@code protection:} section from the built jar, with the fake installer, against the
 * sandbox's groups, plans and policy applications.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProtectionIT extends SandboxRigTest {
    private static final Path INSTALLED = Path.of("root/usr/lib/Acronis/BackupAndRecovery");

    private void start(Faults faults) {
        start(SandboxConfig.defaults().withFaults(faults));
    }

    @Test
    void install_leaves_the_machine_in_the_group_with_the_plan_deployed_and_a_second_run_changes_nothing()
            throws IOException {
        start(Faults.none().withDeployAfterMs(700));
        server.addStaticGroup("Servers");
        server.addPlan("Daily backup");
        Path profile = profile("protection:\n  group: Servers\n  plan: Daily backup\n  waitDeployed: 20s\n");

        Result first = cbagent("install", profile.toString(), "--output", "json");
        assertEquals(0, first.exitCode(), first::toString);
        JsonNode doc = oneJsonDocument(first);
        assertEquals("registered", doc.get("status").asText());
        assertTrue(doc.get("changed").asBoolean());
        JsonNode protection = doc.get("protection");
        assertEquals("Servers", protection.get("group").asText(), doc::toString);
        assertTrue(protection.get("addedToGroup").asBoolean(), doc::toString);
        assertEquals("Daily backup", protection.get("plan").asText());
        assertTrue(protection.get("planApplied").asBoolean());
        assertEquals("DEPLOYED", protection.get("deploymentState").asText());
        assertTrue(protection.get("deployed").asBoolean());
        assertTrue(protection.get("error").isNull());
        assertEquals(List.of("web-01"), server.groupMembers("Servers"));
        assertTrue(first.stderr().contains("waiting up to 20s for the plan 'Daily backup' to be deployed"), first::toString);

        Result second = cbagent("install", profile.toString(), "--output", "json");
        assertEquals(0, second.exitCode(), second::toString);
        JsonNode again = oneJsonDocument(second);
        assertEquals("unchanged", again.get("status").asText());
        assertFalse(again.get("changed").asBoolean(), again::toString);
        assertFalse(again.at("/protection/changed").asBoolean());
        assertTrue(again.at("/protection/deployed").asBoolean());
        assertEquals(0, again.get("steps").size());
        assertEquals(1, server.state().get("policyApplications").asInt());
        assertEquals(1, server.state().get("registrations").asInt());
    }

    @Test
    void an_unknown_plan_exits_2_before_the_installer_runs() throws IOException {
        start(Faults.none());
        server.addPlan("Daily backup");
        Result result = cbagent("install", profile("protection:\n  plan: Weekly backup\n").toString(), "--output", "json");
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("protection.plan: there is no protection plan 'Weekly backup'"), result::toString);
        assertEquals(2, oneJsonDocument(result).get("exitCode").asInt());
        assertEquals("invalid-input", oneJsonDocument(result).at("/error/code").asText(), result::toString);
        assertFalse(Files.exists(dir.resolve(INSTALLED)), "the installer ran");
        assertEquals(0, server.state().get("registrations").asInt());
    }

    @Test
    void an_unknown_group_exits_2_naming_it_before_the_installer_runs() throws IOException {
        start(Faults.none());
        server.addStaticGroup("Servers");
        Result result = cbagent("install", profile("protection:\n  group: Srvers\n").toString());
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("no static group 'Srvers'") && result.stderr().contains("did you mean 'Servers'"),
                result::toString);
        assertFalse(Files.exists(dir.resolve(INSTALLED)), "the installer ran");
    }

    @Test
    void warnings_of_a_200_answer_are_printed_and_reported() throws IOException {
        start(Faults.none().withApplyIssues(true));
        server.addPlan("Daily backup");
        Result result = cbagent("install", profile("protection:\n  plan: Daily backup\n").toString(), "--output", "json");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("warning: applying the plan 'Daily backup': the backup location"), result::toString);
        JsonNode warnings = oneJsonDocument(result).at("/protection/warnings");
        assertEquals(1, warnings.size(), result::toString);
        assertTrue(warnings.get(0).asText().contains("almost full"));
    }

    @Test
    void a_plan_that_never_deploys_exits_5_after_waitDeployed() throws IOException {
        start(Faults.none().withNeverDeployed(true));
        server.addPlan("Daily backup");
        long start = System.nanoTime();
        Result result = cbagent("install", profile("protection:\n  plan: Daily backup\n  waitDeployed: 2s\n").toString(),
                "--output", "json");
        assertEquals(5, result.exitCode(), result::toString);
        JsonNode doc = oneJsonDocument(result);
        assertEquals("failed", doc.get("status").asText());
        assertTrue(doc.get("changed").asBoolean());
        assertTrue(doc.get("resourceId").asText().length() > 8, "the registration is still reported");
        assertTrue(doc.at("/error/message").asText().contains("was not deployed on web-01 within 2s (deployment state DEPLOYING)"),
                doc::toString);
        assertTrue(result.stderr().contains("cbagent: error: the plan 'Daily backup' was not deployed"), result::toString);
        assertTrue((System.nanoTime() - start) / 1_000_000_000 < 30);
    }

    @Test
    void createGroup_creates_the_group_once() throws IOException {
        start(Faults.none());
        Path profile = profile("protection:\n  group: Linux servers\n  createGroup: true\n");
        Result first = cbagent("install", profile.toString(), "--output", "json");
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(oneJsonDocument(first).at("/protection/groupCreated").asBoolean());
        assertTrue(first.stderr().contains("creating the static group 'Linux servers'"), first::toString);

        Result second = cbagent("install", profile.toString(), "--output", "json");
        assertEquals(0, second.exitCode(), second::toString);
        JsonNode again = oneJsonDocument(second);
        assertFalse(again.get("changed").asBoolean(), again::toString);
        assertFalse(again.at("/protection/groupCreated").asBoolean());
        assertEquals(1, server.state().get("groups").asInt());
        assertEquals(List.of("web-01"), server.groupMembers("Linux servers"));
    }

    @Test
    void a_registered_machine_that_lacks_its_plan_is_updated_without_installing() throws IOException {
        start(Faults.none().withRunTakesMs(500));
        server.addPlan("Daily backup");
        assertEquals(0, cbagent("install", profile("").toString()).exitCode());

        Path profile = profile("protection:\n  plan: Daily backup\n  runNow: true\n  runTimeout: 20s\n");
        Result dry = cbagent("install", profile.toString(), "--dry-run", "--output", "json");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertEquals("planned", oneJsonDocument(dry).get("status").asText());
        assertTrue(oneJsonDocument(dry).at("/protection/preview").asBoolean());
        assertEquals(0, server.state().get("policyApplications").asInt());

        Result result = cbagent("install", profile.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("web-01: updated"), result::toString);
        assertTrue(result.stdout().contains("protection: plan 'Daily backup' (applied, DEPLOYED), ran: OK"), result::toString);
        assertEquals(1, server.state().get("registrations").asInt());
    }

    @Test
    void the_plan_shows_the_api_calls_in_text_and_json() throws IOException {
        start(Faults.none());
        Path profile = profile("protection:\n  group: Servers\n  createGroup: true\n  plan: Daily backup\n  runNow: true\n");
        Result json = cbagent("plan", profile.toString(), "--output", "json");
        assertEquals(0, json.exitCode(), json::toString);
        JsonNode api = oneJsonDocument(json).at("/protection/api");
        assertEquals(List.of("GET", "POST", "PATCH", "GET", "POST", "GET", "POST", "GET"),
                api.findValuesAsText("method"), api::toString);
        assertEquals("/api/v1/groups/<group id>/resources", api.get(2).get("path").asText());
        assertEquals("<resource id of web-01>", api.get(2).at("/body/add/0").asText());
        assertEquals("/api/v1/policy_applications", api.get(4).get("path").asText());

        Result text = cbagent("plan", profile.toString());
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.stdout().contains("api 3: PATCH /api/v1/groups/<group id>/resources {\"add\":[\"<resource id of web-01>\"]}"),
                text::toString);
        assertEquals(0, server.apiRequests(), "plan asks no server");
    }
}
