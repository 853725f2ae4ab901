package dev.cbagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.sandbox.Faults;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.support.JarRunner;
import dev.cbagent.support.SandboxRigTest;
import dev.cbagent.support.JarRunner.Result;
import dev.cbagent.testing.TestCertificates;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.cbagent.cli.ValidateAndPlanIT.oneJsonDocument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: install / register / unregister / verify from the built jar, with the fake vendor tools, against the
 * sandbox management server over real HTTP (and TLS).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EnrolIT extends SandboxRigTest {

    @Test
    void install_registers_proves_it_and_a_second_run_changes_nothing() throws IOException {
        start(SandboxConfig.defaults());
        Path profile = profile("");
        Result first = cbagent("install", profile.toString(), "--output", "json");
        assertEquals(0, first.exitCode(), first::toString);
        JsonNode doc = oneJsonDocument(first);
        assertEquals("registered", doc.get("status").asText());
        assertTrue(doc.get("changed").asBoolean());
        assertFalse(doc.get("rebootRequired").asBoolean());
        assertTrue(doc.get("resourceId").asText().length() > 8, doc::toString);
        assertTrue(doc.get("agentId").asText().length() > 8, doc::toString);
        assertTrue(doc.get("apiRequests").asInt() <= 4, doc::toString);
        assertTrue(Files.readString(Path.of(doc.at("/steps/0/log").asText())).contains("argv[1]=--id=BackupAndRecoveryAgent"));

        Result second = cbagent("install", profile.toString(), "--output", "json");
        assertEquals(0, second.exitCode(), second::toString);
        JsonNode again = oneJsonDocument(second);
        assertEquals("unchanged", again.get("status").asText());
        assertFalse(again.get("changed").asBoolean());
        assertEquals(doc.get("resourceId"), again.get("resourceId"));
        assertEquals(0, again.get("steps").size(), "nothing ran the second time");
    }

    @Test
    void dry_run_runs_nothing_and_says_it_would_change() throws IOException {
        start(SandboxConfig.defaults());
        Result result = cbagent("install", profile("").toString(), "--dry-run", "--output", "json");
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode doc = oneJsonDocument(result);
        assertEquals("planned", doc.get("status").asText());
        assertTrue(doc.get("changed").asBoolean());
        assertFalse(Files.exists(dir.resolve("root/usr/lib/Acronis/BackupAndRecovery")), "the installer ran");
        assertEquals(0, server.state().get("registrations").asInt());
    }

    @Test
    void force_reinstalls_an_already_registered_machine() throws IOException {
        start(SandboxConfig.defaults());
        Path profile = profile("");
        assertEquals(0, cbagent("install", profile.toString()).exitCode());
        Result forced = cbagent("install", profile.toString(), "--force", "--output", "json");
        assertEquals(0, forced.exitCode(), forced::toString);
        assertEquals(1, oneJsonDocument(forced).get("steps").size());
        assertEquals(2, server.state().get("registrations").asInt());
    }

    @Test
    void a_flaky_server_is_retried() throws IOException {
        start(SandboxConfig.defaults().withFaults(Faults.none().withFail503(2)));
        Result result = cbagent("install", profile("").toString());
        assertEquals(0, result.exitCode(), result::toString);
    }

    @Test
    void an_expired_token_during_polling_means_one_new_login() throws IOException {
        start(SandboxConfig.defaults().withTokenTtl(Duration.ofMillis(400))
                .withFaults(Faults.none().withAppearAfterMs(1500)));
        Result result = cbagent("install", profile("").toString(), "--output", "json");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(server.apiRequests("/idp/token") >= 2, "logged in again");
    }

    @Test
    void a_machine_that_never_appears_exits_5_after_the_timeout() throws IOException {
        start(SandboxConfig.defaults());
        env.put("CBAGENT_FAKE_HOSTNAME", "some-other-name");
        long start = System.nanoTime();
        Result result = cbagent("install", profile("").toString());
        assertEquals(5, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("web-01 was not confirmed"), result::toString);
        assertTrue((System.nanoTime() - start) / 1_000_000_000 < 30, "bounded by verify.timeout");
    }

    @Test
    void an_agent_that_never_comes_online_exits_5() throws IOException {
        start(SandboxConfig.defaults().withFaults(Faults.none().withNeverOnline(true)));
        Result result = cbagent("install", profile("").toString());
        assertEquals(5, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("offline"), result::toString);
    }

    @Test
    void look_alike_resources_are_not_taken_for_the_machine() throws IOException {
        start(SandboxConfig.defaults());
        env.put("CBAGENT_FAKE_HOSTNAME", "web-01-old");
        Result result = cbagent("install", profile("").toString());
        assertEquals(5, result.exitCode(), result::toString);
    }

    @Test
    void a_wrong_api_password_exits_6_before_anything_runs() throws IOException {
        start(SandboxConfig.defaults());
        env.put("CB_API_PWD", "not-the-password");
        Result result = cbagent("install", profile("").toString());
        assertEquals(6, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("rejected the login 'api-admin'"), result::toString);
        assertFalse(result.all().contains("not-the-password"));
        assertFalse(Files.exists(dir.resolve("root/usr/lib/Acronis/BackupAndRecovery")), "the installer ran");
    }

    @Test
    void a_server_that_is_down_exits_6_quickly() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        long start = System.nanoTime();
        Result result = cbagent("install", profile("http://127.0.0.1:" + closedPort, "").toString());
        assertEquals(6, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("cannot connect"), result::toString);
        assertTrue((System.nanoTime() - start) / 1_000_000_000 < 15);
    }

    @Test
    void an_installer_failure_exits_3_with_its_exit_code_and_log() throws IOException {
        start(SandboxConfig.defaults());
        env.put("CBAGENT_FAKE_EXIT", "7");
        Result result = cbagent("install", profile("").toString(), "--output", "json");
        assertEquals(3, result.exitCode(), result::toString);
        JsonNode doc = oneJsonDocument(result);
        assertEquals("failed", doc.get("status").asText());
        assertEquals(7, doc.at("/steps/0/exitCode").asInt());
        assertTrue(doc.at("/error/message").asText().contains("exit code 7"), doc::toString);
        assertEquals(3, doc.get("exitCode").asInt());
        assertEquals("installer-failed", doc.at("/error/code").asText());
        assertTrue(Files.exists(Path.of(doc.at("/steps/0/log").asText())));
    }

    @Test
    void a_hanging_installer_is_killed_at_its_timeout_with_its_children() throws Exception {
        start(SandboxConfig.defaults());
        env.put("CBAGENT_FAKE_SLEEP", "120");
        Path profile = profile("");
        Files.writeString(profile, Files.readString(profile).replace("timeout: 20s", "timeout: 2s"));
        Result result = cbagent("install", profile.toString(), "--output", "json");
        assertEquals(3, result.exitCode(), result::toString);
        assertTrue(oneJsonDocument(result).at("/steps/0/timedOut").asBoolean());
        assertTrue(result.stderr().contains("did not finish within 2s"), result::toString);
        Thread.sleep(300);
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("")
                .contains(dir.toString()) && p.info().commandLine().orElse("").contains("FakeLinuxInstaller")),
                "the installer is still running");
    }

    @Test
    void hostile_values_reach_the_installer_as_single_arguments() throws IOException {
        start(SandboxConfig.defaults());
        Path marker = dir.resolve("pwned");
        String hostile = "x; touch " + marker + " $(touch " + marker + ") 'q' \"dq\"";
        Result result = cbagent("install", profile("proxy:\n  address: p.example.ru:3128\n  login: '" + hostile.replace("'", "''")
                + "'\n  password: ${env:CB_API_PWD}\n").toString(), "--output", "json");
        assertEquals(0, result.exitCode(), result::toString);
        String log = Files.readString(Path.of(oneJsonDocument(result).at("/steps/0/log").asText()));
        assertTrue(log.contains("=--http-proxy-login=" + hostile + "\n"), log);
        assertFalse(Files.exists(marker), "a shell ran the value");
    }

    @Test
    void secrets_can_travel_in_an_options_file_that_is_gone_afterwards() throws IOException {
        start(SandboxConfig.defaults());
        Path profile = profile("");
        Files.writeString(profile, Files.readString(profile).replace("timeout: 20s", "timeout: 20s\n  secretsVia: options-file"));
        Result result = cbagent("install", profile.toString(), "--output", "json");
        assertEquals(0, result.exitCode(), result::toString);
        String log = Files.readString(Path.of(oneJsonDocument(result).at("/steps/0/log").asText()));
        assertTrue(log.contains("options-file[0]=--token=******"), log);
        String optionsFile = log.lines().filter(l -> l.contains("=--options-file=")).findFirst().orElseThrow()
                .replaceAll(".*--options-file=", "");
        assertFalse(Files.exists(Path.of(optionsFile)), "the options file was left behind");
    }

    @Test
    void register_runs_the_register_tool_and_unregister_removes_the_machine() throws IOException {
        start(SandboxConfig.defaults());
        Path profile = profile("");
        Result register = cbagent("register", profile.toString(), "--output", "json");
        assertEquals(0, register.exitCode(), register::toString);
        assertEquals("registered", oneJsonDocument(register).get("status").asText());

        Result unregister = cbagent("unregister", profile.toString(), "--output", "json");
        assertEquals(0, unregister.exitCode(), unregister::toString);
        assertEquals("unregistered", oneJsonDocument(unregister).get("status").asText());

        Result again = cbagent("unregister", profile.toString(), "--output", "json");
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals("unchanged", oneJsonDocument(again).get("status").asText());
        assertEquals(5, cbagent("verify", profile.toString(), "--timeout", "1s").exitCode());
    }

    @Test
    void a_register_tool_failure_exits_4() throws IOException {
        start(SandboxConfig.defaults());
        env.put("CB_REG_TOKEN", "a-token-the-server-refuses");
        Result result = cbagent("register", profile("").toString());
        assertEquals(4, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("the registration tool failed with exit code 1"), result::toString);
    }

    @Test
    void a_missing_installer_exits_3_naming_it() throws IOException {
        start(SandboxConfig.defaults());
        Path profile = profile("");
        Files.writeString(profile, Files.readString(profile).replace(tools.linuxInstaller().toString(), "/nonexistent/agent.bin"));
        Result result = cbagent("install", profile.toString());
        assertEquals(3, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("/nonexistent/agent.bin"), result::toString);
    }

    @Test
    void verify_over_tls_trusts_the_profile_ca_bundle_and_refuses_without_it() throws Exception {
        TestCertificates.Authority ca = TestCertificates.Authority.create("cbagent test CA");
        start(SandboxConfig.defaults().withTls(ca.issueServer("localhost").sslContext()));
        server.registerAgent(new dev.cbagent.sandbox.AgentRegistration(HOST, TOKEN, null, null, null, false, "linux"));
        Path caFile = ca.writePem(dir.resolve("ca.pem"));
        String url = "https://localhost:" + server.port();
        Path trusted = profile(url, "");
        Files.writeString(trusted, Files.readString(trusted) + "  caBundle: " + caFile + "\n");
        Result ok = cbagent("verify", trusted.toString(), "--output", "json");
        assertEquals(0, ok.exitCode(), ok::toString);
        assertNotNull(oneJsonDocument(ok).get("resourceId").asText());

        Result untrusted = cbagent("verify", profile(url, "").toString());
        assertEquals(6, untrusted.exitCode(), untrusted::toString);
        assertTrue(untrusted.stderr().contains("not trusted"), untrusted::toString);
    }
}
