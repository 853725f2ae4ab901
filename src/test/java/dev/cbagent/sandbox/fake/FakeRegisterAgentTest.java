package dev.cbagent.sandbox.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FakeRegisterAgentTest {
    @TempDir
    Path root;

    private ToolOutput tool(Map<String, String> env, String... args) {
        return ToolOutput.capture((out, err) -> new FakeRegisterAgent(env, out, err).run(List.of(args)));
    }

    static List<Arguments> refusals() {
        return List.of(
                Arguments.of(List.of(), "missing -o register|unregister"),
                Arguments.of(List.of("-o", "install"), "-o must be register or unregister"),
                Arguments.of(List.of("-o", "register"), "-o register needs -a"),
                Arguments.of(List.of("-o", "register", "-a"), "-a needs a value"),
                Arguments.of(List.of("-o", "register", "-a", ""), "-a needs a non-empty value"),
                Arguments.of(List.of("-o", "register", "-a", "m", "-x", "1"), "unknown option '-x'"),
                Arguments.of(List.of("-o", "register", "-a", "m", "--token=t"), "give the value as a separate argument"),
                Arguments.of(List.of("-o", "register", "-a", "m", "-u", "admin"), "-u and -p go together"),
                Arguments.of(List.of("-o", "register", "-a", "m", "-p", "pw"), "-u and -p go together"),
                Arguments.of(List.of("-o", "register", "-a", "m", "--token", "t", "-u", "a", "-p", "b"),
                        "--token cannot be combined with -u/-p"),
                Arguments.of(List.of("-o", "register", "-a", "m", "-s", "storage"), "-s only accepts asn"),
                Arguments.of(List.of("-o", "register", "-o", "register"), "-o is given twice"),
                Arguments.of(List.of("-o", "unregister", "--token", "t"), "--token cannot be used with -o unregister"),
                Arguments.of(List.of("-o", "unregister"), "not registered: no recorded server"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refuses_with_exit_1_and_one_error_line(List<String> args, String message) {
        ToolOutput result = tool(Map.of(), args.toArray(String[]::new));

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("error: "), result.toString());
        assertTrue(result.err().contains(message), result.toString());
    }

    @Test
    void registers_a_storage_node_with_credentials_into_a_unit() throws IOException {
        try (SandboxStub stub = new SandboxStub()) {
            ToolOutput result = tool(Map.of("CBAGENT_FAKE_HOSTNAME", "sn-01"), "-o", "register", "-s", "asn",
                    "-a", stub.url().toString(), "--tenant", "unit-9", "-u", "admin", "-p", "admin-pw");

            assertEquals(0, result.exitCode(), result.toString());
            JsonNode body = stub.requests().get(0).body();
            assertEquals("sn-01", body.get("name").asText());
            assertEquals("admin", body.get("login").asText());
            assertEquals("admin-pw", body.get("password").asText());
            assertEquals("unit-9", body.get("tenant").asText());
            assertTrue(body.get("storageNode").asBoolean());
            assertFalse(body.has("token"));
        }
    }

    @Test
    void unregisters_its_own_machine_by_id_from_the_server_it_recorded_and_keeps_the_local_ids() throws IOException {
        try (SandboxStub stub = new SandboxStub()) {
            Map<String, String> env = Map.of("CBAGENT_FAKE_HOSTNAME", "web-02", "CBAGENT_FAKE_ROOT", root.toString());
            assertEquals(0, tool(env, "-o", "register", "-a", stub.url().toString(), "--token", "good-token").exitCode());

            ToolOutput result = tool(env, "-o", "unregister");

            assertEquals(0, result.exitCode(), result.toString());
            SandboxStub.Request delete = stub.requests().get(1);
            assertEquals("DELETE", delete.method());
            assertEquals("/sandbox/v1/machines/RES-1", delete.path());
            assertTrue(stub.registered().isEmpty());
            assertEquals(new AgentConfigFile.Identity("RES-1", "AGENT-1"), AgentConfigFile.under(root).read());
        }
    }

    @Test
    void unregisters_by_name_when_the_agent_holds_no_instance_id() throws IOException {
        try (SandboxStub stub = new SandboxStub()) {
            Map<String, String> env = Map.of("CBAGENT_FAKE_HOSTNAME", "web-02", "CBAGENT_FAKE_ROOT", root.toString());
            assertEquals(0, tool(env, "-o", "register", "-a", stub.url().toString(), "--token", "good-token").exitCode());
            AgentConfigFile.under(root).clear();

            ToolOutput result = tool(env, "-o", "unregister");

            assertEquals(0, result.exitCode(), result.toString());
            assertEquals("/sandbox/v1/agents/web-02", stub.requests().get(1).path());
        }
    }

    @Test
    void unregisters_from_a_given_address_without_recorded_state() throws IOException {
        try (SandboxStub stub = new SandboxStub()) {
            ToolOutput result = tool(Map.of("CBAGENT_FAKE_HOSTNAME", "ghost"), "-o", "unregister", "-a", stub.url().toString());

            assertEquals(1, result.exitCode(), result.toString());
            assertTrue(result.err().contains("(HTTP 404): no agent named ghost"), result.toString());
        }
    }
}
