package dev.cbagent.sandbox.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.sandbox.MachineIds;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake installer and register tool keep and send the agent identity like the product, against the sandbox. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FakeIdentityTest {
    @TempDir
    Path dir;

    private SandboxServer server;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxConfig.defaults());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> machine(String hostname, Path root) {
        return Map.of("CBAGENT_FAKE_HOSTNAME", hostname, "CBAGENT_AGENT_ROOT", root.toString());
    }

    private ToolOutput install(Map<String, String> env, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--auto"));
        args.addAll(List.of(extra));
        if (args.stream().noneMatch(a -> a.equals("--skip-registration"))) {
            args.add("--rain=" + server.baseUri());
            args.add("--token=" + SandboxConfig.DEFAULT_TOKEN);
        }
        ToolOutput result = ToolOutput.capture((out, err) -> new FakeLinuxInstaller(env, out, err).run(args));
        return result;
    }

    private ToolOutput registerTool(Map<String, String> env, String... args) {
        return ToolOutput.capture((out, err) -> new FakeRegisterAgent(env, out, err).run(List.of(args)));
    }

    /** A machine made from an image of {@code original}: its identity file, copied to a new root. */
    private static Path imageOf(Path original, Path root) throws IOException {
        Files.createDirectories(AgentConfigFile.under(root).path().getParent());
        Files.copy(AgentConfigFile.under(original).path(), AgentConfigFile.under(root).path());
        return root;
    }

    private static AgentConfigFile.Identity identity(Path root) throws IOException {
        return AgentConfigFile.under(root).read();
    }

    private JsonNode onServer(AgentConfigFile.Identity local) {
        return server.machine(local.instanceId()).orElseThrow(() -> new AssertionError("no machine " + local));
    }

    @Test
    void an_install_keeps_the_answered_ids_upper_case_in_the_identity_file() throws IOException {
        Path root = dir.resolve("web-01");

        ToolOutput result = install(machine("web-01", root));

        assertEquals(0, result.exitCode(), result.toString());
        AgentConfigFile.Identity local = identity(root);
        assertTrue(local.hasInstanceId(), local.toString());
        assertEquals(local.instanceId().toUpperCase(Locale.ROOT), local.instanceId());
        JsonNode machine = onServer(local);
        assertEquals(local.instanceId(), machine.get("id").asText().toUpperCase(Locale.ROOT));
        assertEquals(local.agentId(), machine.get("agent_id").asText().toUpperCase(Locale.ROOT));
        assertEquals("web-01", machine.get("name").asText());
        assertTrue(Files.readString(root.resolve("etc/Acronis/BackupAndRecovery.config"))
                .contains("<value name=\"InstanceID\" type=\"TString\">\"" + local.instanceId() + "\"</value>"));
    }

    @Test
    void running_again_with_its_identity_keeps_the_same_machine() throws IOException {
        Path root = dir.resolve("web-01");
        install(machine("web-01", root));
        AgentConfigFile.Identity first = identity(root);

        ToolOutput again = registerTool(machine("web-01", root), "-o", "register", "-a", server.baseUri().toString(),
                "--token", SandboxConfig.DEFAULT_TOKEN);

        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(first, identity(root));
        assertEquals(1, server.state().get("machines").asInt());
        assertEquals(2, server.state().get("registrations").asInt());
    }

    @Test
    void a_clone_of_a_registered_image_takes_the_original_record_over() throws IOException {
        Path original = dir.resolve("web-01");
        install(machine("web-01", original));
        Path clone = imageOf(original, dir.resolve("web-02"));

        ToolOutput result = install(machine("web-02", clone));

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("took over the machine of InstanceID " + identity(original).instanceId()),
                result.toString());
        assertEquals(identity(original), identity(clone));
        assertEquals("web-02", onServer(identity(original)).get("name").asText());
        assertEquals(1, server.state().get("machines").asInt());
        assertEquals(1, server.state().get("takeovers").asInt());
    }

    @Test
    void a_new_agent_beside_a_stale_record_with_its_name_gets_its_own_machine() throws IOException {
        MachineIds stale = server.seedStale("web-01");
        Path root = dir.resolve("web-01");

        assertEquals(0, install(machine("web-01", root)).exitCode());

        AgentConfigFile.Identity local = identity(root);
        assertNotEquals(stale.resourceId().toUpperCase(Locale.ROOT), local.instanceId());
        assertEquals(2, server.machinesNamed("web-01").size());
    }

    @Test
    void an_install_without_registration_leaves_an_identity_file_without_ids() throws IOException {
        Path root = dir.resolve("web-01");

        ToolOutput result = install(machine("web-01", root), "--skip-registration");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(AgentConfigFile.under(root).exists());
        assertEquals(AgentConfigFile.Identity.NONE, identity(root));
        assertEquals(0, server.state().get("registrations").asInt());
    }

    @Test
    void unregistering_deletes_its_own_machine_by_id_not_a_twin_and_leaves_a_stale_local_identity() throws IOException {
        Path root = dir.resolve("web-01");
        install(machine("web-01", root));
        MachineIds twin = server.seedTwin("web-01");
        AgentConfigFile.Identity local = identity(root);

        ToolOutput result = registerTool(machine("web-01", root), "-o", "unregister");

        assertEquals(0, result.exitCode(), result.toString());
        assertFalse(onServer(local).get("deleted_at").isNull());
        assertTrue(server.machine(twin.resourceId()).orElseThrow().get("deleted_at").isNull());
        assertEquals(local, identity(root));

        ToolOutput again = install(machine("web-01", root));
        assertEquals(0, again.exitCode(), again.toString());
        assertNotEquals(local, identity(root));
        assertTrue(onServer(identity(root)).get("deleted_at").isNull());
    }

    @Test
    void a_reset_identity_registers_as_a_new_machine_and_leaves_the_original_alone() throws IOException {
        Path original = dir.resolve("web-01");
        install(machine("web-01", original));
        Path clone = imageOf(original, dir.resolve("web-02"));
        AgentConfigFile.under(clone).clear();

        assertEquals(0, install(machine("web-02", clone)).exitCode());

        assertNotEquals(identity(original), identity(clone));
        assertEquals("web-01", onServer(identity(original)).get("name").asText());
        assertEquals("web-02", onServer(identity(clone)).get("name").asText());
    }

    @Test
    void the_agent_root_wins_over_the_fake_root() throws IOException {
        Path agentRoot = dir.resolve("agent");
        Path fakeRoot = dir.resolve("fake");
        Map<String, String> env = Map.of("CBAGENT_FAKE_HOSTNAME", "web-01", "CBAGENT_AGENT_ROOT", agentRoot.toString(),
                "CBAGENT_FAKE_ROOT", fakeRoot.toString());

        assertEquals(0, install(env).exitCode());

        assertTrue(identity(agentRoot).hasInstanceId());
        assertTrue(Files.isExecutable(agentRoot.resolve("usr/lib/Acronis/RegisterAgentTool/RegisterAgent")));
        assertFalse(Files.exists(fakeRoot));
    }

    @Test
    void the_fake_root_alone_still_works() throws IOException {
        Path root = dir.resolve("fake");

        assertEquals(0, install(Map.of("CBAGENT_FAKE_HOSTNAME", "web-01", "CBAGENT_FAKE_ROOT", root.toString()))
                .exitCode());

        assertTrue(identity(root).hasInstanceId());
    }

    @Test
    void an_unreadable_identity_file_registers_a_new_agent_with_a_warning_and_stays_as_it_was() throws IOException {
        Path root = dir.resolve("web-01");
        Path file = AgentConfigFile.under(root).path();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not xml");
        server.seedTwin("web-01");

        ToolOutput result = registerTool(machine("web-01", root), "-o", "register", "-a", server.baseUri().toString());

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.err().contains("warning: cannot read the agent identity"), result.toString());
        assertEquals("not xml", Files.readString(file));
        assertEquals(2, server.machinesNamed("web-01").size());
    }
}
