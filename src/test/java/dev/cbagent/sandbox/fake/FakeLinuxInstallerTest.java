package dev.cbagent.sandbox.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.platform.InstallationProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
class FakeLinuxInstallerTest {
    @TempDir
    Path root;

    private ToolOutput install(Map<String, String> env, String... args) {
        return ToolOutput.capture((out, err) -> new FakeLinuxInstaller(env, out, err).run(List.of(args)));
    }

    static List<Arguments> refusals() {
        return List.of(
                Arguments.of(List.of(), "would prompt"),
                Arguments.of(List.of("--auto", "--bogus"), "unknown option --bogus"),
                Arguments.of(List.of("--auto", "--reg-token=x"), "unknown option --reg-token"),
                Arguments.of(List.of("--auto", "--token"), "--token needs a value: --token=VALUE"),
                Arguments.of(List.of("--auto", "--rain=http://m", "--token="), "--token needs a non-empty value"),
                Arguments.of(List.of("--auto=yes"), "--auto takes no value"),
                Arguments.of(List.of("--auto", "--auto"), "--auto is given twice"),
                Arguments.of(List.of("--auto", "-a"), "unexpected argument '-a'"),
                Arguments.of(List.of("--auto", "--token", "abc"), "--token needs a value"),
                Arguments.of(List.of("--auto", "--rain=http://m", "--token=t", "--login=a", "--password=b"),
                        "--token cannot be combined with --login/--password"),
                Arguments.of(List.of("--auto", "--rain=http://m", "--login=a"), "--login and --password go together"),
                Arguments.of(List.of("--auto", "--token=t"), "--token needs --rain"),
                Arguments.of(List.of("--auto", "--unit=u"), "--unit needs --rain"),
                Arguments.of(List.of("--auto", "--skip-registration", "--rain=http://m"),
                        "--skip-registration cannot be combined with --rain"),
                Arguments.of(List.of("--auto", "--id=AgentForPCS"), "need BackupAndRecoveryAgent"),
                Arguments.of(List.of("--auto", "--id=BackupAndRecoveryAgent,agentForSql"), "unknown component 'agentForSql'"),
                Arguments.of(List.of("--auto", "--language=xx"), "--language=xx is not one of"),
                Arguments.of(List.of("--auto", "--rain=http://m", "--reg-transport=http"), "--reg-transport=http is not one of"),
                Arguments.of(List.of("--auto", "--rain=http://m", "--reg-transport=https",
                        "--reg-transport-pinned-public-key=k"), "needs --reg-transport=https-pinned-public-key"),
                Arguments.of(List.of("--auto", "--http-proxy-port=3128"), "--http-proxy-port needs --http-proxy-host"),
                Arguments.of(List.of("--auto", "--http-proxy-host=p", "--http-proxy-port=70000"), "port number 1-65535"),
                Arguments.of(List.of("--auto", "--http-proxy-host=p", "--http-proxy-login=l"), "go together"),
                Arguments.of(List.of("--auto", "--options-file=/no/such/file"), "cannot read the options file"),
                Arguments.of(List.of("--auto", "--rain=ftp://m"), "is not a management server address"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refuses_with_exit_1_and_one_error_line(List<String> args, String message) {
        ToolOutput result = install(Map.of(), args.toArray(String[]::new));

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("error: "), result.toString());
        assertTrue(result.err().contains(message), result.toString());
        assertEquals(1, result.err().lines().count(), result.toString());
    }

    @Test
    void accepts_every_flag_of_the_dialect_at_once() {
        ToolOutput result = install(Map.of(), "--auto", "--id=BackupAndRecoveryAgent,AgentForPCS,OracleAgentFeature,MySQLAgentFeature",
                "--skip-registration", "--language=pt_BR", "--http-proxy-host=proxy", "--http-proxy-port=3128",
                "--http-proxy-login=cb", "--http-proxy-password=pp", "--tmp-dir=/tmp", "--strict", "--nodeps", "--debug",
                "--skip-prereq-check");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("registration skipped"), result.toString());
    }

    @Test
    void prints_the_arguments_it_received_unmasked() {
        ToolOutput result = install(Map.of(), "--auto", "--http-proxy-host=p", "--http-proxy-login=cb",
                "--http-proxy-password=Pr0xy-Secret");

        assertTrue(result.out().contains("argv[3]=--http-proxy-password=Pr0xy-Secret"), result.toString());
    }

    @Test
    void records_the_installation_where_the_probe_looks() {
        ToolOutput result = install(Map.of("CBAGENT_FAKE_ROOT", root.toString()), "--auto", "--skip-registration");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(new InstallationProbe(root).find("linux").isPresent());
        assertTrue(Files.isExecutable(root.resolve("usr/lib/Acronis/RegisterAgentTool/RegisterAgent")));
    }

    @Test
    void writes_nothing_to_disk_without_a_fake_root() {
        ToolOutput result = install(Map.of(), "--auto");

        assertEquals(0, result.exitCode(), result.toString());
        assertFalse(result.out().contains("installed into"), result.toString());
    }

    @Test
    void exits_with_the_forced_code_and_does_nothing_else() {
        ToolOutput result = install(Map.of("CBAGENT_FAKE_EXIT", "7", "CBAGENT_FAKE_ROOT", root.toString()), "--bogus");

        assertEquals(7, result.exitCode());
        assertEquals("", result.out());
        assertEquals("", result.err());
        assertFalse(new InstallationProbe(root).find("linux").isPresent());
    }

    @Test
    void sleeps_first_when_asked() {
        long start = System.nanoTime();

        ToolOutput result = install(Map.of("CBAGENT_FAKE_SLEEP", "0.3"), "--auto");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(System.nanoTime() - start >= 300_000_000L);
    }

    @Test
    void refuses_a_malformed_knob() {
        ToolOutput result = install(Map.of("CBAGENT_FAKE_EXIT", "seven"), "--auto");

        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("CBAGENT_FAKE_EXIT must be an integer"), result.toString());
    }

    @Test
    void registers_by_token_with_the_name_and_tenant() throws IOException {
        try (SandboxStub stub = new SandboxStub()) {
            Map<String, String> env = new HashMap<>(Map.of("CBAGENT_FAKE_HOSTNAME", "web-01", "CBAGENT_FAKE_ROOT", root.toString()));

            ToolOutput result = install(env, "--auto", "--rain=" + stub.url(), "--token=good-token", "--unit=unit-7");

            assertEquals(0, result.exitCode(), result.toString());
            JsonNode body = stub.requests().get(0).body();
            assertEquals("web-01", body.get("name").asText());
            assertEquals("good-token", body.get("token").asText());
            assertEquals("unit-7", body.get("tenant").asText());
            assertFalse(body.get("storageNode").asBoolean());
            assertEquals("linux", body.get("os").asText());
            assertFalse(body.has("login") || body.has("password"));
            assertTrue(result.out().contains("resource_id=res-1 agent_id=agent-1"), result.toString());
        }
    }

    @Test
    void fails_when_the_server_rejects_the_token() throws IOException {
        try (SandboxStub stub = new SandboxStub()) {
            ToolOutput result = install(Map.of("CBAGENT_FAKE_HOSTNAME", "web-01"), "--auto", "--rain=" + stub.url(),
                    "--token=bad-token");

            assertEquals(1, result.exitCode(), result.toString());
            assertTrue(result.err().contains("(HTTP 401): Invalid registration token"), result.toString());
        }
    }

    @Test
    void fails_clearly_when_the_server_is_unreachable() throws IOException {
        String deadUrl;
        try (SandboxStub stub = new SandboxStub()) {
            deadUrl = stub.url().toString();
        }

        ToolOutput result = install(Map.of("CBAGENT_FAKE_HOSTNAME", "web-01"), "--auto", "--rain=" + deadUrl, "--token=t");

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("cannot connect to the management server at " + deadUrl), result.toString());
    }
}
