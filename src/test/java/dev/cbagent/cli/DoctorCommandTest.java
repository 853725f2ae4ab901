package dev.cbagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cbagent.doctor.DoctorEnvironment;
import dev.cbagent.platform.InstallationProbe;
import dev.cbagent.platform.Platform;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.support.ProfileFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cbagent doctor} in process, on a stand-in machine: line format, JSON shape, exit codes. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DoctorCommandTest {
    @TempDir
    Path dir;

    private SandboxServer server;
    private ServerSocket zmq;

    /** Exit code and both streams; {@code toString} shows all three for assertion messages. */
    record Run(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (zmq != null) {
            zmq.close();
        }
    }

    private Run doctor(String... args) {
        Platform root = new Platform() {
            @Override
            public String hostname() {
                return "web-01";
            }

            @Override
            public boolean isPrivileged() {
                return true;
            }

            @Override
            public String currentOs() {
                return "linux";
            }
        };
        DoctorEnvironment environment = new DoctorEnvironment(root, new InstallationProbe(dir), dir, Clock.systemUTC());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DoctorCommand(new CliContext(ProfileFixture.ENV, root),
                () -> environment));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(new FailureHandler(() -> dir.resolve("logs")));
        cli.setParameterExceptionHandler(new BadCommandLineHandler());
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private String profile(String apiUrl) throws IOException {
        Path installer = Files.createFile(dir.resolve("agent.bin"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new ProfileFixture(dir).write("web.yaml", ProfileFixture.HEADER
                + "platform: linux\ninstaller:\n  path: " + installer + "\n"
                + "registration:\n  mode: by-token\n  address: " + apiUrl + "\n  token: ${env:CB_REG_TOKEN}\n"
                + "verify:\n  login: api-admin\n  password: ${env:CB_API_PWD}\n").toString();
    }

    private String goodServer() throws IOException {
        server = SandboxServer.start(SandboxConfig.defaults().withAdmin("api-admin", ProfileFixture.API_PASSWORD));
        zmq = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return profile(server.baseUri().toString());
    }

    @Test
    void prints_one_line_per_check_and_exits_0_when_nothing_fails() throws IOException {
        Run run = doctor(goodServer(), "--zmq-port", String.valueOf(zmq.getLocalPort()));
        assertEquals(0, run.exitCode(), run::toString);
        String[] lines = run.stdout().split("\n");
        assertEquals(11, lines.length, run::toString);
        // a loopback server is always reached directly, whatever proxy the environment names
        assertTrue(run.stdout().contains("\nok    proxy: API requests go directly ("), run::toString);
        for (String line : lines) {
            assertTrue(line.matches("(ok  |warn|FAIL)  [a-z -]+: .+"), () -> "not a check line: " + line);
        }
        // the test server speaks plain http, which the profile check warns about (as validate does)
        assertTrue(lines[0].startsWith("warn  profile: ") && lines[0].contains("plain http://"), run::toString);
    }

    @Test
    void prints_one_json_document_with_ok_and_the_checks() throws IOException {
        Run run = doctor(goodServer(), "--zmq-port", String.valueOf(zmq.getLocalPort()), "--output", "json");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode doc = new ObjectMapper().readTree(run.stdout());
        assertTrue(doc.get("ok").asBoolean(), run::toString);
        assertEquals(11, doc.get("checks").size(), run::toString);
        JsonNode first = doc.get("checks").get(0);
        assertEquals("profile", first.get("name").asText());
        assertEquals("warn", first.get("status").asText(), "plain http is warned about");
        assertTrue(first.get("detail").asText().contains("is valid"), run::toString);
    }

    @Test
    void exits_6_and_marks_the_failure_in_json_when_the_api_port_is_closed() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Run run = doctor(profile("http://127.0.0.1:" + closed), "--output", "json", "--timeout", "1s");
        assertEquals(6, run.exitCode(), run::toString);
        JsonNode doc = new ObjectMapper().readTree(run.stdout());
        assertFalse(doc.get("ok").asBoolean());
        JsonNode port = doc.get("checks").get(3);
        assertEquals("port api", port.get("name").asText());
        assertEquals("fail", port.get("status").asText());
        assertTrue(port.get("detail").asText().contains("nothing listens on port " + closed), run::toString);
        for (String secret : ProfileFixture.ENV.values()) {
            assertFalse(run.toString().contains(secret), run::toString);
        }
    }

    @Test
    void refuses_a_timeout_that_is_not_a_duration_with_exit_2() throws IOException {
        Run run = doctor(profile("http://127.0.0.1:9"), "--timeout", "soon");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--timeout: 'soon' is not a duration"), run::toString);
    }

    @Test
    void prints_the_profile_findings_on_stderr_and_exits_2_for_an_invalid_profile() throws IOException {
        Path file = new ProfileFixture(dir).write("bad.yaml", ProfileFixture.HEADER + "platform: linux\ncolour: blue\n");
        Run run = doctor(file.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("error: colour"), run::toString);
        assertTrue(run.stdout().startsWith("FAIL  profile: "), run::toString);
    }
}
