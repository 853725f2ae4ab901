package dev.cbagent.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cbagent.support.Envelopes;
import dev.cbagent.support.JarRunner;
import dev.cbagent.support.LinuxProfile;
import dev.cbagent.support.LoopbackSshd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command once succeeding and once failing with {@code --output json}: exactly one JSON document on stdout,
 * starting with the same envelope ({@code command}, {@code status}, {@code changed}, {@code exitCode}, {@code error}
 * of one shape), whatever the command. One {@code cbagent sandbox} process (started with {@code -o json} itself)
 * serves the whole class; each test has its own host name and agent root.
 */
class EnvelopeIT {
    private static final String TOKEN = "reg-Env3lope-42";
    private static final String API_PASSWORD = "api-Env3lope-pw";
    private static final List<String> ENVELOPE = Envelopes.FIELDS;
    private static final List<String> ERROR = List.of("code", "message", "findings");
    private static final List<String> FINDING = List.of("file", "line", "column", "severity", "key", "message");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Process sandbox;
    static String url;
    static int port;
    static Path installer;
    static Path registerTool;

    @TempDir
    Path dir;
    String host;
    Map<String, String> env;

    @BeforeAll
    static void startSandbox() throws Exception {
        Path ready = shared.resolve("url");
        List<String> command = new ArrayList<>(JarRunner.command());
        command.addAll(List.of("sandbox", "--port", "0", "--tools-dir", shared.resolve("tools").toString(),
                "--ready-file", ready.toString(), "--admin-login", "api-admin", "--admin-password", API_PASSWORD,
                "--token", TOKEN, "-o", "json"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(shared.toFile())
                .redirectOutput(shared.resolve("sandbox.out").toFile())
                .redirectError(shared.resolve("sandbox.err").toFile());
        JarRunner.launcherEnvironment(pb.environment());
        sandbox = pb.start();
        JsonNode doc = awaitSandboxDocument(Instant.now().plus(Duration.ofSeconds(60)));
        url = doc.get("url").asText();
        assertEquals(url, Files.readString(ready).strip());
        port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        installer = Path.of(doc.at("/tools/linuxInstaller").asText());
        registerTool = Path.of(doc.at("/tools/registerAgent").asText());
    }

    /** The sandbox's one document, once it listens (it writes the ready file, then prints the document). */
    private static JsonNode awaitSandboxDocument(Instant deadline) throws Exception {
        Path out = shared.resolve("sandbox.out");
        while (Instant.now().isBefore(deadline)) {
            String text = Files.exists(out) ? Files.readString(out) : "";
            if (text.strip().endsWith("}")) {
                return JSON.readTree(text);
            }
            if (!sandbox.isAlive()) {
                throw new AssertionError("the sandbox ended: " + Files.readString(shared.resolve("sandbox.err")));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the sandbox printed no JSON document within 60 s");
    }

    @AfterAll
    static void stopSandbox() throws InterruptedException {
        if (sandbox != null) {
            sandbox.destroy();
            if (!sandbox.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                sandbox.destroyForcibly();
            }
        }
    }

    @BeforeEach
    void ownHost(TestInfo test) {
        host = "env-" + Math.abs(test.getDisplayName().hashCode() % 100000);
        env = new HashMap<>(Map.of("CB_REG_TOKEN", TOKEN, "CB_API_PWD", API_PASSWORD,
                "CBAGENT_FAKE_HOSTNAME", host, "CBAGENT_FAKE_ROOT", dir.resolve("root").toString(),
                "CBAGENT_AGENT_ROOT", dir.resolve("root").toString(),
                "CBAGENT_LOG_DIR", dir.resolve("logs").toString(), "CBAGENT_SKIP_PRIVILEGE_CHECK", "1"));
    }

    private Path profile() throws IOException {
        return profile("hostname: " + host + "\n  timeout: 4s\n");
    }

    /** A Linux profile at the sandbox, by token; {@code verify} is the rest of its verify section. */
    private Path profile(String verify) throws IOException {
        return new LinuxProfile(installer, "1m", url, registerTool).write(dir.resolve(host + ".yaml"), verify);
    }

    private JarRunner.Result cbagent(String... args) {
        return new JarRunner(dir, env).run(args);
    }

    /** Installs this test's host for real (the fake installer registers it with the sandbox). */
    private Path installed() throws IOException {
        Path profile = profile();
        JarRunner.Result install = cbagent("install", profile.toString());
        assertEquals(0, install.exitCode(), install::toString);
        return profile;
    }

    /**
     * The one JSON document on stdout, checked against the envelope: its first five fields in order and of their
     * types, {@code exitCode} the process's, {@code error} null exactly on success, else of the one shape with the
     * message stderr printed; no secret in any output, in any encoding; no stack trace.
     */
    private static JsonNode envelope(JarRunner.Result r, String command, int exitCode) {
        assertEquals(exitCode, r.exitCode(), r::toString);
        JsonNode doc = oneDocument(r);
        List<String> names = new ArrayList<>();
        doc.fieldNames().forEachRemaining(names::add);
        assertTrue(names.size() >= ENVELOPE.size(), r::toString);
        assertEquals(ENVELOPE, names.subList(0, ENVELOPE.size()), r::toString);
        if (command == null) {
            assertTrue(doc.get("command").isNull(), r::toString);
        } else {
            assertEquals(command, doc.get("command").textValue(), r::toString);
        }
        assertTrue(doc.get("status").isTextual() && !doc.get("status").asText().isBlank(), r::toString);
        assertTrue(doc.get("changed").isBoolean(), r::toString);
        assertTrue(doc.get("exitCode").isInt(), r::toString);
        assertEquals(exitCode, doc.get("exitCode").asInt(), r::toString);
        JsonNode error = doc.get("error");
        if (exitCode == 0) {
            assertTrue(error.isNull(), r::toString);
        } else {
            assertTrue(error.isObject(), r::toString);
            List<String> fields = new ArrayList<>();
            error.fieldNames().forEachRemaining(fields::add);
            assertEquals(ERROR, fields, r::toString);
            assertTrue(error.get("code").isTextual() && error.get("code").asText().matches("[a-z]+(-[a-z]+)*"),
                    r::toString);
            String message = error.get("message").asText();
            assertTrue(error.get("message").isTextual() && !message.isBlank() && !message.contains("\n"), r::toString);
            // several lines on stderr (findings) are one in JSON: the first, and how many more there are
            String firstLine = message.replaceFirst(" \\(and \\d+ more\\)$", "");
            assertTrue(r.stderr().contains(firstLine), () -> "error.message is not what stderr says:\n" + r);
            assertTrue(error.get("findings").isArray(), r::toString);
            for (JsonNode finding : error.get("findings")) {
                List<String> keys = new ArrayList<>();
                finding.fieldNames().forEachRemaining(keys::add);
                assertEquals(FINDING, keys, r::toString);
                assertTrue(finding.get("file").isTextual() && finding.get("line").isInt()
                        && finding.get("column").isInt() && finding.get("severity").isTextual()
                        && (finding.get("key").isTextual() || finding.get("key").isNull())
                        && finding.get("message").isTextual(), r::toString);
            }
        }
        assertNoSecrets(r.all(), r.toString());
        assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat "), r::toString);
        return doc;
    }

    /** Exactly one JSON value on stdout, and nothing else. */
    private static JsonNode oneDocument(JarRunner.Result r) {
        try (JsonParser parser = JSON.getFactory().createParser(r.stdout())) {
            JsonNode doc = JSON.readTree(parser);
            assertNotNull(doc, r::toString);
            assertTrue(doc.isObject(), r::toString);
            assertEquals(null, parser.nextToken(), () -> "more than one JSON document on stdout:\n" + r);
            return doc;
        } catch (IOException e) {
            throw new AssertionError("stdout is not one JSON document: " + e.getMessage() + "\n" + r, e);
        }
    }

    private static void assertNoSecrets(String text, String what) {
        for (String secret : List.of(TOKEN, API_PASSWORD)) {
            for (String form : List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8),
                    Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                    Base64.getEncoder().encodeToString(("api-admin:" + secret).getBytes(StandardCharsets.UTF_8)))) {
                assertFalse(text.contains(form), () -> "a secret leaked:\n" + what);
            }
        }
    }

    private static JsonNode finding(JsonNode doc, String key) {
        for (JsonNode finding : doc.at("/error/findings")) {
            if (key.equals(finding.get("key").asText())) {
                return finding;
            }
        }
        throw new AssertionError("no finding for " + key + ": " + doc);
    }

    private static String error(JsonNode doc) {
        return doc.at("/error/code").asText();
    }

    @Test
    void sandbox_prints_one_envelope_once_it_listens_and_refuses_a_taken_port_with_one() throws IOException {
        // its stderr names the registration token on purpose (for rehearsals); stdout must not
        String text = Files.readString(shared.resolve("sandbox.out"));
        JsonNode doc = envelope(new JarRunner.Result(0, text, ""), "sandbox", 0);
        assertEquals("listening", doc.get("status").asText());
        assertTrue(Files.isExecutable(installer) && Files.isExecutable(registerTool), doc::toString);

        JsonNode taken = envelope(cbagent("sandbox", "--port", String.valueOf(port), "-o", "json"), "sandbox", 2);
        assertEquals("failed", taken.get("status").asText());
        assertEquals("invalid-input", error(taken));
    }

    @Test
    void validate_a_valid_and_an_invalid_profile() throws IOException {
        JsonNode valid = envelope(cbagent("validate", profile().toString(), "-o", "json"), "validate", 0);
        assertEquals("valid", valid.get("status").asText());
        assertTrue(valid.get("valid").asBoolean());

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "platform: linux\nedition: clowd\n");
        JsonNode invalid = envelope(cbagent("validate", bad.toString(), "--output", "json"), "validate", 2);
        assertEquals("invalid", invalid.get("status").asText());
        assertEquals("invalid-profile", error(invalid));
        JsonNode finding = finding(invalid, "edition");
        assertEquals(bad.toString(), finding.get("file").asText());
        assertEquals(2, finding.get("line").asInt());
        assertEquals("edition", finding.get("key").asText());
        assertEquals("error", finding.get("severity").asText());
    }

    @Test
    void plan_a_profile_and_a_broken_one() throws IOException {
        JsonNode plan = envelope(cbagent("plan", profile().toString(), "-o", "json"), "plan", 0);
        assertEquals("planned", plan.get("status").asText());
        assertFalse(plan.get("changed").asBoolean());
        assertEquals("install", plan.at("/steps/0/name").asText());

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "platform: linux\ncolour: blue\n");
        JsonNode failed = envelope(cbagent("plan", bad.toString(), "-o", "json"), "plan", 2);
        assertEquals("invalid-profile", error(failed));
        assertEquals(2, finding(failed, "colour").get("line").asInt(), failed::toString);
    }

    @Test
    void install_registers_and_a_failing_installer_is_exit_3() throws IOException {
        JsonNode done = envelope(cbagent("install", profile().toString(), "-o", "json"), "install", 0);
        assertEquals("registered", done.get("status").asText());
        assertTrue(done.get("changed").asBoolean());
        JsonNode again = envelope(cbagent("install", profile().toString(), "-o", "json"), "install", 0);
        assertFalse(again.get("changed").asBoolean(), again::toString);

        env.put("CBAGENT_AGENT_ROOT", dir.resolve("other-root").toString());
        env.put("CBAGENT_FAKE_ROOT", dir.resolve("other-root").toString());
        env.put("CBAGENT_FAKE_EXIT", "1");
        JsonNode failed = envelope(cbagent("install", profile().toString(), "-o", "json"), "install", 3);
        assertEquals("installer-failed", error(failed));
        assertTrue(failed.get("changed").asBoolean(), "the installer ran: " + failed);
    }

    @Test
    void register_registers_and_a_failing_register_tool_is_exit_4() throws IOException {
        JsonNode done = envelope(cbagent("register", profile().toString(), "-o", "json"), "register", 0);
        assertEquals("registered", done.get("status").asText());

        env.put("CBAGENT_AGENT_ROOT", dir.resolve("other-root").toString());
        env.put("CBAGENT_FAKE_ROOT", dir.resolve("other-root").toString());
        env.put("CBAGENT_FAKE_EXIT", "1");
        JsonNode failed = envelope(cbagent("register", profile().toString(), "-o", "json"), "register", 4);
        assertEquals("register-tool-failed", error(failed));
    }

    @Test
    void unregister_removes_the_machine_and_a_failing_register_tool_is_exit_4() throws IOException {
        Path profile = installed();
        env.put("CBAGENT_FAKE_EXIT", "1");
        JsonNode failed = envelope(cbagent("unregister", profile.toString(), "-o", "json"), "unregister", 4);
        assertEquals("register-tool-failed", error(failed));

        env.remove("CBAGENT_FAKE_EXIT");
        JsonNode done = envelope(cbagent("unregister", profile.toString(), "-o", "json"), "unregister", 0);
        assertTrue(done.get("changed").asBoolean(), done::toString);
    }

    @Test
    void verify_confirms_an_installed_machine_and_not_a_missing_one() throws IOException {
        JsonNode missing = envelope(cbagent("verify", profile().toString(), "--timeout", "2s", "-o", "json"), "verify", 5);
        assertEquals("not-confirmed", missing.get("status").asText());
        assertEquals("not-confirmed", error(missing));

        JsonNode confirmed = envelope(cbagent("verify", installed().toString(), "-o", "json"), "verify", 0);
        assertEquals("registered", confirmed.get("status").asText());
        assertFalse(confirmed.get("changed").asBoolean());
    }

    @Test
    void status_of_an_installed_machine_and_of_one_without_an_agent() throws IOException {
        JsonNode none = envelope(cbagent("status", "-o", "json"), "status", 5);
        assertEquals("not-installed", none.get("status").asText());

        JsonNode registered = envelope(cbagent("status", installed().toString(), "-o", "json"), "status", 0);
        assertEquals("registered", registered.get("status").asText());
    }

    @Test
    void doctor_passes_against_the_sandbox_and_fails_against_a_closed_port() throws IOException {
        JsonNode ok = envelope(cbagent("doctor", profile().toString(), "--zmq-port", String.valueOf(port), "-o", "json"),
                "doctor", 0);
        assertEquals("ok", ok.get("status").asText());
        assertTrue(ok.get("checks").isArray() && ok.get("checks").size() > 5, ok::toString);

        int closed = closedPort();
        Path unreachable = Files.writeString(dir.resolve("closed.yaml"), Files.readString(profile())
                .replace(url, "http://127.0.0.1:" + closed));
        JsonNode failed = envelope(cbagent("doctor", unreachable.toString(), "--zmq-port", String.valueOf(closed),
                "--timeout", "2s", "-o", "json"), "doctor", 6);
        assertEquals("failed", failed.get("status").asText());
        assertEquals("server-unavailable", error(failed));
    }

    @Test
    void schema_wraps_the_schema_and_refuses_an_unknown_option() {
        JsonNode schema = envelope(cbagent("schema", "-o", "json"), "schema", 0);
        assertTrue(schema.at("/schema/properties/registration").isObject(), schema::toString);
        JarRunner.Result plain = cbagent("schema");
        assertTrue(oneDocument(plain).has("$schema"), "without -o json the schema file itself: " + plain);

        JsonNode bad = envelope(cbagent("schema", "--colour", "-o", "json"), "schema", 2);
        assertEquals("bad-command-line", error(bad));
    }

    private Path hosts(String... lines) throws IOException {
        return Files.writeString(dir.resolve("hosts.yaml"), "hosts:\n" + String.join("\n", lines) + "\n");
    }

    @Test
    void fleet_status_of_a_registered_host_and_of_a_missing_one() throws IOException {
        Path profile = installed();
        Path one = hosts("  - {address: 127.0.0.1, port: 1, hostname: " + host + "}");
        JsonNode registered = envelope(cbagent("fleet", "status", "--hosts", one.toString(), "--profile",
                profile.toString(), "-o", "json"), "fleet status", 0);
        assertEquals("registered", registered.get("status").asText());
        assertEquals(1, registered.at("/summary/registered").asInt(), registered::toString);

        Path two = hosts("  - {address: 127.0.0.1, port: 1, hostname: " + host + "}",
                "  - {address: 127.0.0.1, port: 2, hostname: " + host + "-gone}");
        JsonNode missing = envelope(cbagent("fleet", "status", "--hosts", two.toString(), "--profile",
                profile.toString(), "-o", "json"), "fleet status", 7);
        assertEquals("incomplete", missing.get("status").asText());
        assertEquals("host-failed", error(missing));
        assertEquals(1, missing.at("/summary/missing").asInt(), missing::toString);
    }

    @Test
    void fleet_dry_run_plans_every_host_and_a_bad_host_list_is_findings() throws IOException {
        Path list = hosts("  - {address: 127.0.0.1, port: 1, hostname: " + host + "}");
        JsonNode planned = envelope(cbagent("fleet", "run", "--dry-run", "--hosts", list.toString(), "--profile",
                profile().toString(), "-o", "json"), "fleet run", 0);
        assertEquals("planned", planned.get("status").asText());
        assertFalse(planned.get("changed").asBoolean());
        assertEquals("missing", planned.at("/hosts/0/server").asText(), planned::toString);

        Path bad = hosts("  - {address: 127.0.0.1, port: 1, hostname: " + host + "}",
                "  - {address: 127.0.0.1, port: 1, hostname: " + host + "}", "  - {adress: 127.0.0.9}");
        JsonNode invalid = envelope(cbagent("fleet", "run", "--dry-run", "--hosts", bad.toString(), "--profile",
                profile().toString(), "-o", "json"), "fleet run", 2);
        assertEquals("invalid-host-list", error(invalid));
        JsonNode findings = invalid.at("/error/findings");
        assertTrue(findings.size() >= 2, findings::toString);
        for (JsonNode finding : findings) {
            assertEquals(bad.toString(), finding.get("file").asText());
            assertEquals("error", finding.get("severity").asText());
            assertTrue(finding.get("line").asInt() >= 2, findings::toString);
        }
    }

    @Test
    void fleet_run_with_an_unreachable_host_is_exit_7() throws IOException {
        Path list = hosts("  - {address: 127.0.0.1, port: " + closedPort() + ", hostname: " + host + "}");
        JsonNode failed = envelope(cbagent("fleet", "run", "--hosts", list.toString(), "--profile", fleetProfile().toString(),
                "--known-hosts", dir.resolve("known_hosts").toString(), "--connect-timeout", "3s", "-o", "json"),
                "fleet run", 7);
        assertEquals("failed", failed.get("status").asText());
        assertEquals("host-failed", error(failed));
        assertEquals("failed", failed.at("/hosts/0/status").asText(), failed::toString);
    }

    @Test
    void fleet_run_registers_a_host_over_ssh() throws Exception {
        Assumptions.assumeTrue(LoopbackSshd.available(), "skipped: /usr/sbin/sshd is not installed "
                + "(apt-get install -y openssh-server; .ci/run does it)");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), 1)) {
            Path list = hosts("  - {address: " + sshd.addresses().get(0) + ", port: " + sshd.port(0) + ", user: root, "
                    + "identityFile: " + sshd.clientKey() + ", hostname: " + host + ",",
                    "     env: {CBAGENT_FAKE_HOSTNAME: " + host + ", CBAGENT_AGENT_ROOT: " + dir.resolve("remote") + "}}");
            JsonNode done = envelope(cbagent("fleet", "run", "--hosts", list.toString(), "--profile",
                    fleetProfile().toString(), "--known-hosts", sshd.knownHosts().toString(), "-o", "json"),
                    "fleet run", 0);
            assertEquals("done", done.get("status").asText());
            assertTrue(done.get("changed").asBoolean(), done::toString);
            assertEquals("registered", done.at("/hosts/0/status").asText(), done::toString);
        }
    }

    /** The profile of fleet hosts: the host list names each host. */
    private Path fleetProfile() throws IOException {
        Path file = profile("timeout: 20s\n");
        Path fleet = dir.resolve("fleet.yaml");
        Files.move(file, fleet);
        return fleet;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Bad command lines, {@code -o json} before, between and after: the envelope, exit 2; the command they name. */
    static Stream<List<String>> badCommandLines() {
        return Stream.of(
                List.of("verify", "profiles/linux-base.yaml", "--colour", "-o", "json"),
                List.of("-o", "json", "verify"),
                List.of("plan", "profiles/linux-base.yaml", "--action", "reinstall", "--output=json"),
                List.of("--output", "json", "frobnicate"),
                List.of("fleet", "-ojson", "status"),
                List.of("fleet", "status", "--hosts", "h.txt", "--parallel", "many", "-o", "json"),
                List.of("-o", "json", "fleet", "upgrade"),
                List.of("doctor", "profiles/linux-base.yaml", "--timeout", "soon", "-o", "json"),
                List.of("-o", "json"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void a_bad_command_line_with_json_output_prints_the_envelope(List<String> args) {
        JarRunner.Result r = cbagent(args.toArray(String[]::new));
        String command = switch (args.stream().filter(a -> List.of("verify", "plan", "fleet", "doctor").contains(a))
                .findFirst().orElse("")) {
            case "verify", "plan", "doctor" -> args.stream().filter(a -> List.of("verify", "plan", "doctor").contains(a))
                    .findFirst().orElseThrow();
            case "fleet" -> args.contains("status") ? "fleet status" : "fleet";
            default -> null;
        };
        JsonNode doc = envelope(r, command, 2);
        assertEquals("bad-command-line", error(doc), r::toString);
        assertTrue(r.stderr().contains("--help"), r::toString);
    }

    @Test
    void an_unknown_command_is_named_with_the_nearest_one_in_the_envelope_and_on_stderr() {
        JarRunner.Result r = cbagent("-o", "json", "fleet", "stauts");
        JsonNode doc = envelope(r, "fleet", 2);
        String message = "unknown command 'fleet stauts' (did you mean 'fleet status'?)";
        assertEquals(message, doc.at("/error/message").asText(), r::toString);
        assertTrue(r.stderr().startsWith("cbagent: error: " + message + "\n"), r::toString);
        assertFalse(r.stderr().contains("Unmatched"), r::toString);
    }

    @Test
    void without_json_output_a_bad_command_line_prints_nothing_on_stdout() {
        JarRunner.Result r = cbagent("verify", "--colour");
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals("", r.stdout(), r::toString);
        JarRunner.Result text = cbagent("verify", "--colour", "-o", "text");
        assertEquals("", text.stdout(), text::toString);
    }

    @Test
    void debug_and_output_stand_before_or_after_the_command() throws IOException {
        Path profile = installed();
        for (List<String> args : List.of(List.of("--debug", "-o", "json", "verify", profile.toString()),
                List.of("verify", profile.toString(), "-o", "json", "--debug"),
                List.of("-o", "json", "verify", "--debug", profile.toString()))) {
            JsonNode doc = envelope(cbagent(args.toArray(String[]::new)), "verify", 0);
            assertEquals("registered", doc.get("status").asText(), args::toString);
        }
        Path list = hosts("  - {address: 127.0.0.1, port: 1, hostname: " + host + "}");
        for (List<String> args : List.of(
                List.of("--debug", "-o", "json", "fleet", "status", "--hosts", list.toString(), "--profile", profile.toString()),
                List.of("fleet", "--output", "json", "--debug", "status", "--hosts", list.toString(), "--profile",
                        profile.toString()),
                List.of("fleet", "status", "--hosts", list.toString(), "--profile", profile.toString(), "--debug", "-o",
                        "json"))) {
            envelope(cbagent(args.toArray(String[]::new)), "fleet status", 0);
        }
        JarRunner.Result debugFailure = cbagent("--debug", "plan", dir.resolve("none.yaml").toString(), "-o", "json");
        assertEquals(2, debugFailure.exitCode(), debugFailure::toString);
        assertEquals("plan", oneDocument(debugFailure).get("command").asText(), debugFailure::toString);
        assertTrue(debugFailure.stderr().contains("\tat dev.cbagent."), "--debug before the command shows the trace: "
                + debugFailure);
    }
}
