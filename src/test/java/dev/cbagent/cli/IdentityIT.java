package dev.cbagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.sandbox.AgentRegistration;
import dev.cbagent.sandbox.Faults;
import dev.cbagent.sandbox.MachineIds;
import dev.cbagent.sandbox.RegisteredAgent;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.fake.AgentConfigFile;
import dev.cbagent.support.DroppingProxy;
import dev.cbagent.support.JarRunner.Result;
import dev.cbagent.support.SandboxRigTest;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static dev.cbagent.cli.ValidateAndPlanIT.oneJsonDocument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: "this machine" is the agent's own identity (DESIGN "Agent identity on the machine", "Idempotency"),
 * not a name: stale and twin records, clones, trimmed lists, FQDN names and a flaky network, with the fake tools
 * writing the identity file like the product and the sandbox keeping machines by id.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IdentityIT extends SandboxRigTest {

    private long registrations() {
        return server.state().get("registrations").asLong();
    }

    private static List<String> duplicates(JsonNode doc) {
        return StreamSupport.stream(doc.get("duplicates").spliterator(), false).map(JsonNode::asText).toList();
    }

    /** This machine's agent carries these ids, as after an install (or a cloned image). */
    private void identity(String instanceId, String agentId) throws IOException {
        AgentConfigFile.under(rig.agentRoot()).write(instanceId, agentId);
    }

    private Path profileWith(String registrationLines) throws IOException {
        Path profile = profile("");
        Files.writeString(profile, Files.readString(profile).replace("registration:\n", "registration:\n" + registrationLines));
        return profile;
    }

    @Test
    void a_stale_record_with_this_name_does_not_block_the_install_and_is_reported_as_a_duplicate() throws IOException {
        start(SandboxConfig.defaults());
        MachineIds stale = server.seedStale(HOST);
        Result r = cbagent("install", profile("").toString(), "--output", "json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode doc = oneJsonDocument(r);
        assertEquals("registered", doc.get("status").asText());
        assertNotEquals(stale.resourceId(), doc.get("resourceId").asText(), "the stale record is not this machine");
        assertEquals("id", doc.get("foundBy").asText());
        assertEquals(List.of(stale.resourceId()), duplicates(doc));
        assertTrue(r.stderr().contains("warning: other machines named web-01") && r.stderr().contains(stale.resourceId()),
                r::toString);
        assertEquals(1, registrations());
    }

    @Test
    void lists_trimmed_like_the_guides_example_still_confirm_by_id() throws IOException {
        start(SandboxConfig.defaults());
        server.setTrimLists(true);
        server.seedStale(HOST);
        Result r = cbagent("install", profile("").toString(), "--output", "json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode doc = oneJsonDocument(r);
        assertEquals("id", doc.get("foundBy").asText());
        assertTrue(doc.get("online").asBoolean(), doc::toString);
        assertEquals(1, duplicates(doc).size(), "the trimmed stale item was fetched in detail: " + doc);
    }

    @Test
    void a_rerun_is_unchanged_while_a_live_twin_with_the_same_name_exists() throws IOException {
        start(SandboxConfig.defaults());
        Path profile = profile("");
        JsonNode first = oneJsonDocument(cbagent("install", profile.toString(), "--output", "json"));
        MachineIds twin = server.seedTwin(HOST);
        Result r = cbagent("install", profile.toString(), "--output", "json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode again = oneJsonDocument(r);
        assertEquals("unchanged", again.get("status").asText());
        assertEquals(first.get("resourceId"), again.get("resourceId"));
        assertEquals(0, again.get("steps").size(), "nothing ran");
        assertEquals(List.of(twin.resourceId()), duplicates(again));
        assertEquals(1, registrations());
    }

    @Test
    void a_clone_is_refused_with_exit_8_naming_the_original_and_nothing_runs() throws IOException {
        start(SandboxConfig.defaults());
        RegisteredAgent original = server.registerAgent(AgentRegistration.anonymous("web-07"));
        identity(original.resourceId(), original.agentId());
        long before = registrations();
        Result r = cbagent("install", profile("").toString(), "--output", "json");
        assertEquals(8, r.exitCode(), r::toString);
        JsonNode doc = oneJsonDocument(r);
        assertEquals("conflict", doc.get("status").asText());
        assertFalse(doc.get("changed").asBoolean());
        assertEquals(0, doc.get("steps").size(), "no tool ran");
        String error = doc.at("/error/message").asText();
        assertTrue(error.contains("web-07") && error.contains(original.resourceId())
                && error.contains("registration.identity: reset"), error);
        assertEquals(before, registrations(), "nothing was registered");
        assertEquals("web-07", server.machine(original.resourceId()).orElseThrow().get("name").asText());
        assertTrue(original.resourceId().equalsIgnoreCase(AgentConfigFile.under(rig.agentRoot()).read().instanceId()),
                "the local identity is left as it was");

        Result status = cbagent("status", profile("").toString(), "--output", "json");
        assertEquals(8, status.exitCode(), status::toString);
        assertEquals("clone", oneJsonDocument(status).get("status").asText());

        long started = System.nanoTime();
        Result verify = cbagent("verify", profile("").toString(), "--timeout", "30s", "--output", "json");
        assertEquals(8, verify.exitCode(), verify::toString);
        assertTrue(System.nanoTime() - started < 20_000_000_000L, "a clone is a conflict at once, not after the timeout");
    }

    @Test
    void a_clone_with_identity_reset_restarts_the_service_once_and_registers_as_a_new_machine() throws IOException {
        start(SandboxConfig.defaults());
        RegisteredAgent original = server.registerAgent(AgentRegistration.anonymous("web-07"));
        identity(original.resourceId(), original.agentId());
        Path profile = profileWith("  identity: reset\n  serviceRestart: [" + tools.serviceRestart()
                + ", restart, acronis_mms]\n");
        Result r = cbagent("install", profile.toString(), "--output", "json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode doc = oneJsonDocument(r);
        assertEquals("registered", doc.get("status").asText());
        assertNotEquals(original.resourceId(), doc.get("resourceId").asText());
        Path restarts = rig.agentRoot().resolve("var/lib/cbagent-fake/restarts.log");
        assertEquals(1, Files.readAllLines(restarts).size(), "one service restart");
        assertEquals(2, doc.get("steps").size(), "the restart and the install: " + doc.get("steps"));
        JsonNode kept = server.machine(original.resourceId()).orElseThrow();
        assertEquals("web-07", kept.get("name").asText(), "the original machine is untouched");
        assertTrue(kept.get("deleted_at").isNull());
        assertTrue(doc.get("resourceId").asText().equalsIgnoreCase(AgentConfigFile.under(rig.agentRoot()).read()
                .instanceId()), "the agent now carries the new id");
    }

    @Test
    void an_identity_the_server_does_not_know_is_a_leftover_and_the_install_registers_anew() throws IOException {
        start(SandboxConfig.defaults());
        String unknown = UUID.randomUUID().toString();
        identity(unknown, UUID.randomUUID().toString().toUpperCase());
        Result r = cbagent("install", profile("").toString(), "--output", "json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode doc = oneJsonDocument(r);
        assertEquals("registered", doc.get("status").asText());
        assertNotEquals(unknown, doc.get("resourceId").asText());
        assertTrue(r.stderr().contains(unknown) && r.stderr().contains("not this machine's registration"), r::toString);
    }

    @Test
    void a_short_name_finds_the_machine_the_server_lists_by_fqdn() throws IOException {
        start(SandboxConfig.defaults());
        server.setFqdnDomain("example.test");
        Path profile = profile("");
        Result install = cbagent("install", profile.toString(), "--output", "json");
        assertEquals(0, install.exitCode(), install::toString);
        assertEquals("web-01.example.test", server.machinesNamed("web-01.example.test").get(0).get("name").asText());

        Result byName = cbagent("verify", profile.toString(), "--hostname", HOST, "--output", "json");
        assertEquals(0, byName.exitCode(), byName::toString);
        JsonNode doc = oneJsonDocument(byName);
        assertEquals("name", doc.get("foundBy").asText());
        assertEquals("web-01.example.test", doc.get("name").asText());
        assertEquals(oneJsonDocument(install).get("resourceId"), doc.get("resourceId"));
    }

    @Test
    void two_live_machines_with_this_name_and_no_identity_to_tell_them_apart_are_exit_8() throws IOException {
        start(SandboxConfig.defaults());
        MachineIds a = server.seedTwin(HOST);
        MachineIds b = server.seedTwin(HOST);
        Result r = cbagent("verify", profile("").toString(), "--output", "json");
        assertEquals(8, r.exitCode(), r::toString);
        JsonNode doc = oneJsonDocument(r);
        assertEquals("conflict", doc.get("status").asText());
        String error = doc.at("/error/message").asText();
        assertTrue(error.contains(a.resourceId()) && error.contains(b.resourceId()), error);
    }

    @Test
    void an_outage_after_the_installer_ran_keeps_changed_true_with_the_steps_and_their_logs() throws Exception {
        start(SandboxConfig.defaults());
        env.put("CBAGENT_FAKE_SLEEP", "1.5");
        Thread outage = new Thread(() -> {
            try {
                while (registrations() == 0) {
                    Thread.sleep(5);
                }
                server.faults().set(Faults.none().withFail503(1_000));
            } catch (InterruptedException ignored) {
                // test over
            }
        });
        outage.setDaemon(true);
        outage.start();
        Result r = cbagent("install", profile("").toString(), "--output", "json");
        outage.join(5_000);
        assertEquals(6, r.exitCode(), r::toString);
        JsonNode doc = oneJsonDocument(r);
        assertTrue(doc.get("changed").asBoolean(), "the installer ran: " + doc);
        assertEquals("failed", doc.get("status").asText());
        assertEquals(1, doc.get("steps").size());
        assertTrue(Files.exists(Path.of(doc.at("/steps/0/log").asText())), doc::toString);
        assertTrue(doc.at("/error/message").asText().contains("503"), doc::toString);
        assertEquals(1, registrations(), "the outage came after the registration");
    }

    @Test
    void connections_dropped_while_polling_are_retried_until_the_machine_is_confirmed() throws Exception {
        start(SandboxConfig.defaults().withFaults(Faults.none().withAppearAfterMs(1_500)));
        try (DroppingProxy proxy = new DroppingProxy(server.baseUri())) {
            Path profile = profile("");
            Files.writeString(profile, Files.readString(profile).replace("verify:\n", "verify:\n  apiUrl: "
                    + proxy.uri() + "\n").replace("timeout: 4s", "timeout: 15s"));
            Thread flaky = new Thread(() -> {
                try {
                    while (registrations() == 0) {
                        Thread.sleep(5);
                    }
                    proxy.dropping(true);
                    Thread.sleep(2_000);
                    proxy.dropping(false);
                } catch (InterruptedException ignored) {
                    // test over
                }
            });
            flaky.setDaemon(true);
            flaky.start();
            Result r = cbagent("install", profile.toString(), "--output", "json");
            flaky.join(10_000);
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals("registered", oneJsonDocument(r).get("status").asText());
            assertTrue(proxy.dropped() > 0, "the proxy dropped no connection: the fault did not happen");
        }
    }
}
