package dev.cbagent.sandbox.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.exec.CommonsExecProcessRunner;
import dev.cbagent.exec.OptionsFile;
import dev.cbagent.exec.RunOptions;
import dev.cbagent.exec.RunResult;
import dev.cbagent.plan.Arg;
import dev.cbagent.plan.Argv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake tools run as real processes through the launchers that {@link FakeTools#install} writes. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FakeToolLaunchersTest {
    @TempDir
    Path dir;

    private FakeTools.Launchers tools;

    @BeforeEach
    void installLaunchers() throws IOException {
        tools = FakeTools.install(dir.resolve("bin"), System.getProperty("java.class.path"));
    }

    record Outcome(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Outcome launch(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet()
                .removeIf(name -> name.startsWith("CBAGENT_FAKE_") || name.equals("CBAGENT_AGENT_ROOT"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(launcher + " did not finish");
        }
        return new Outcome(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream stream) {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    @Test
    void are_executable_scripts_named_like_the_vendor_tools() throws IOException {
        assertEquals("CyberBackup_AgentForLinux_x86_64.bin", tools.linuxInstaller().getFileName().toString());
        assertEquals("RegisterAgent", tools.registerAgent().getFileName().toString());
        assertTrue(Files.isExecutable(tools.linuxInstaller()));
        String script = Files.readString(tools.registerAgent());
        assertTrue(script.startsWith("#!/bin/sh\n"), script);
        assertTrue(script.contains(" dev.cbagent.sandbox.fake.FakeRegisterAgent \"$@\""), script);
        assertEquals("systemctl", tools.serviceRestart().getFileName().toString());
        assertTrue(Files.readString(tools.serviceRestart()).contains(" dev.cbagent.sandbox.fake.FakeServiceRestart \"$@\""));
    }

    @Test
    void the_service_restart_counts_restarts_under_the_agent_root_and_refuses_anything_else() throws Exception {
        Path root = dir.resolve("agent-root");
        Map<String, String> env = Map.of("CBAGENT_AGENT_ROOT", root.toString());

        Outcome restart = launch(tools.serviceRestart(), env, "restart", "acronis_mms");
        Outcome stop = launch(tools.serviceRestart(), env, "stop", "acronis_mms");

        assertEquals(0, restart.exitCode(), restart.toString());
        assertEquals(1, stop.exitCode(), stop.toString());
        assertTrue(stop.err().startsWith("error: usage: systemctl restart acronis_mms"), stop.toString());
        assertEquals(1, FakeServiceRestart.restarts(root));
    }

    @Test
    void the_installer_rejects_an_unknown_flag() throws Exception {
        Outcome outcome = launch(tools.linuxInstaller(), Map.of(), "--auto", "--quiet");

        assertEquals(1, outcome.exitCode(), outcome.toString());
        assertEquals("error: unknown option --quiet\n", outcome.err(), outcome.toString());
    }

    @Test
    void the_installer_refuses_an_options_file_others_can_read() throws Exception {
        Path options = Files.writeString(dir.resolve("options.txt"), "--token=good-token\n");
        Files.setPosixFilePermissions(options, PosixFilePermissions.fromString("rw-r--r--"));

        Outcome outcome = launch(tools.linuxInstaller(), Map.of(), "--auto", "--rain=http://127.0.0.1:9", "--options-file=" + options);

        assertEquals(1, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.err().contains("its mode must be 0600 (rw-------), it is rw-r--r--"), outcome.toString());
    }

    @Test
    void the_installer_registers_with_the_token_from_an_options_file() throws Exception {
        try (SandboxStub stub = new SandboxStub();
             OptionsFile options = OptionsFile.write(dir, List.of("--token=good-token", "--unit=unit-3"))) {
            Outcome outcome = launch(tools.linuxInstaller(), Map.of("CBAGENT_FAKE_HOSTNAME", "web-03"),
                    "--auto", "--rain=" + stub.url(), "--options-file=" + options.path());

            assertEquals(0, outcome.exitCode(), outcome.toString());
            JsonNode body = stub.requests().get(0).body();
            assertEquals("web-03", body.get("name").asText());
            assertEquals("good-token", body.get("token").asText());
            assertEquals("unit-3", body.get("tenant").asText());
            assertEquals("linux", body.get("os").asText());
            assertFalse(body.get("storageNode").asBoolean());
        }
    }

    @Test
    void the_installers_unmasked_echo_is_masked_in_cbagents_log() throws Exception {
        try (SandboxStub stub = new SandboxStub()) {
            Path log = dir.resolve("install.log");
            Argv argv = new Argv(List.of(Arg.plain(tools.linuxInstaller().toString()), Arg.plain("--auto"),
                    Arg.plain("--rain=" + stub.url()), Arg.secret("--token=", "good-token")));

            RunResult result = new CommonsExecProcessRunner().run(argv, RunOptions.of(Duration.ofSeconds(60), log, null)
                    .withExtraEnv(Map.of("CBAGENT_FAKE_HOSTNAME", "web-04")));

            String text = Files.readString(log);
            assertEquals(0, result.exitCode(), text);
            assertTrue(text.contains("argv[2]=--token=******"), text);
            assertFalse(text.contains("good-token"), text);
            assertEquals(List.of("web-04"), List.copyOf(stub.registered()));
        }
    }

    @Test
    void a_hanging_installer_is_killed_by_the_runners_timeout() throws Exception {
        Path log = dir.resolve("hang.log");

        RunResult result = new CommonsExecProcessRunner().run(Argv.of(tools.linuxInstaller().toString(), "--auto"),
                RunOptions.of(Duration.ofSeconds(3), log, null).withExtraEnv(Map.of("CBAGENT_FAKE_SLEEP", "120")));

        assertTrue(result.timedOut());
        assertTrue(result.duration().toSeconds() < 30, result.duration().toString());
    }

    @Test
    void a_forced_exit_code_comes_out_of_the_launcher() throws Exception {
        Outcome outcome = launch(tools.registerAgent(), Map.of("CBAGENT_FAKE_EXIT", "42"), "-o", "register");

        assertEquals(42, outcome.exitCode(), outcome.toString());
        assertEquals("", outcome.out());
    }

    @Test
    void the_register_tool_rejects_a_token_together_with_a_login() throws Exception {
        Outcome outcome = launch(tools.registerAgent(), Map.of(),
                "-o", "register", "-a", "http://127.0.0.1:9", "--token", "t", "-u", "admin", "-p", "pw");

        assertEquals(1, outcome.exitCode(), outcome.toString());
        assertEquals("error: --token cannot be combined with -u/-p\n", outcome.err(), outcome.toString());
    }

    @Test
    void the_register_tool_registers_and_the_installed_copy_unregisters() throws Exception {
        Path root = dir.resolve("root");
        Map<String, String> env = Map.of("CBAGENT_FAKE_HOSTNAME", "db-01", "CBAGENT_FAKE_ROOT", root.toString());
        try (SandboxStub stub = new SandboxStub()) {
            assertEquals(0, launch(tools.linuxInstaller(), env, "--auto", "--skip-registration").exitCode());
            Outcome registered = launch(tools.registerAgent(), env, "-o", "register", "-a", stub.url().toString(),
                    "-u", "admin", "-p", "admin-pw");
            assertEquals(0, registered.exitCode(), registered.toString());
            assertEquals("admin", stub.requests().get(0).body().get("login").asText());

            Path installedTool = root.resolve("usr/lib/Acronis/RegisterAgentTool/RegisterAgent");
            Outcome unregistered = launch(installedTool, env, "-o", "unregister");

            assertEquals(0, unregistered.exitCode(), unregistered.toString());
            assertEquals("/sandbox/v1/machines/RES-1", stub.requests().get(1).path());
            assertTrue(stub.registered().isEmpty());
        }
    }
}
