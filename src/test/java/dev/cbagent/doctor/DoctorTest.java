package dev.cbagent.doctor;

import dev.cbagent.api.PublicKeyPins;
import dev.cbagent.error.ExitCode;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.support.ProfileFixture;
import dev.cbagent.testing.TestCertificates;
import dev.cbagent.testing.TestCertificates.Authority;
import dev.cbagent.testing.TestCertificates.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preflight against the sandbox over HTTP and real TLS, on a stand-in machine. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DoctorTest {
    private static Authority ca;
    private static Authority otherCa;
    private static Server certificate;

    @TempDir
    Path dir;

    private DoctorBench bench;
    private final List<SandboxServer> servers = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() {
        ca = Authority.create("cbagent doctor CA");
        otherCa = Authority.create("someone else's CA");
        certificate = ca.issueServer();
    }

    @BeforeEach
    void setUp() {
        bench = new DoctorBench(dir);
    }

    @AfterEach
    void tearDown() throws IOException {
        servers.forEach(SandboxServer::close);
        bench.close();
    }

    private SandboxServer sandbox(SandboxConfig config) {
        SandboxServer server = SandboxServer.start(config.withAdmin(DoctorBench.LOGIN, ProfileFixture.API_PASSWORD));
        servers.add(server);
        return server;
    }

    private SandboxServer http() {
        return sandbox(SandboxConfig.defaults());
    }

    private SandboxServer https(Server serverCertificate) {
        return sandbox(SandboxConfig.defaults().withTls(serverCertificate.sslContext()));
    }

    private static CheckResult check(DoctorReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in\n" + text(report)));
    }

    private static String text(DoctorReport report) {
        return report.checks().stream().map(CheckResult::line).collect(Collectors.joining("\n"));
    }

    private static void assertStatus(Status expected, CheckResult result, DoctorReport report) {
        assertEquals(expected, result.status(), () -> text(report));
    }

    private static void assertNoSecret(DoctorReport report) {
        for (String secret : ProfileFixture.ENV.values()) {
            assertFalse(text(report).contains(secret), () -> "a secret leaked:\n" + text(report));
        }
    }

    @Nested
    class Over_http {
        @Test
        void passes_every_check_against_a_good_server_and_exits_0() {
            DoctorReport report = bench.examine(bench.profile(http()));
            assertTrue(report.ok(), () -> text(report));
            assertEquals(ExitCode.OK, report.exitCode());
            List<String> names = report.checks().stream().map(CheckResult::name).toList();
            assertEquals(List.of("profile", "dns", "proxy", "port api", "port zmq", "tls", "credentials", "privileges",
                    "disk space", "installer", "installation"), names);
            assertStatus(Status.WARN, check(report, "tls"), report);
            assertTrue(check(report, "credentials").detail().contains("'api-admin' is accepted"), () -> text(report));
            assertNoSecret(report);
        }

        @Test
        void points_at_the_port_when_nothing_listens_on_it() throws IOException {
            int closed;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = socket.getLocalPort();
            }
            DoctorReport report = bench.examine(bench.profile("http://127.0.0.1:" + closed, ""));
            CheckResult port = check(report, "port api");
            assertStatus(Status.FAIL, port, report);
            assertTrue(port.detail().startsWith("127.0.0.1:" + closed + " refused the connection: nothing listens on port "
                    + closed), port.detail());
            assertEquals(ExitCode.SERVER_UNAVAILABLE, report.exitCode());
        }

        @Test
        void names_the_zmq_port_the_agent_cannot_reach() throws IOException {
            int closed;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = socket.getLocalPort();
            }
            String yaml = bench.profile(http());
            Path file = new ProfileFixture(dir).write("profile.yaml", ProfileFixture.HEADER + yaml);
            DoctorReport report = new Doctor(bench.environment(true),
                    new DoctorSettings(java.time.Duration.ofSeconds(2), closed))
                    .examine(new ProfileFixture(dir).check(file, null));
            CheckResult zmq = check(report, "port zmq");
            assertStatus(Status.FAIL, zmq, report);
            assertTrue(zmq.detail().contains("nothing listens on port " + closed), zmq.detail());
        }

        @Test
        void says_the_credentials_are_rejected_for_a_wrong_password() {
            SandboxServer server = SandboxServer.start(SandboxConfig.defaults().withAdmin(DoctorBench.LOGIN, "another-one"));
            servers.add(server);
            DoctorReport report = new Doctor(bench.environment(true), bench.settings())
                    .examine(new ProfileFixture(dir).check(new ProfileFixture(dir).write("p.yaml",
                            ProfileFixture.HEADER + bench.profile(server)), null));
            CheckResult credentials = check(report, "credentials");
            assertStatus(Status.FAIL, credentials, report);
            assertTrue(credentials.detail().startsWith("credentials rejected: "), credentials.detail());
            assertTrue(credentials.detail().contains("'api-admin'"), credentials.detail());
            assertEquals(ExitCode.SERVER_UNAVAILABLE, report.exitCode());
            assertNoSecret(report);
        }

        @Test
        void warns_instead_of_checking_credentials_the_profile_does_not_have() {
            String yaml = bench.profile(http()).replaceAll("(?m)^  (login|password): .*\n", "");
            DoctorReport report = bench.examine(yaml);
            assertStatus(Status.WARN, check(report, "credentials"), report);
            assertTrue(report.ok(), () -> text(report));
        }
    }

    @Nested
    class Over_tls {
        @Test
        void trusts_a_server_issued_by_the_ca_bundle_and_prints_its_pin() throws IOException {
            SandboxServer server = https(certificate);
            ca.writePem(bench.file("ca.pem"));
            DoctorReport report = bench.examine(bench.profile(server.baseUri().toString(), "  caBundle: ca.pem\n"));
            assertStatus(Status.OK, check(report, "tls"), report);
            assertTrue(check(report, "tls").detail().contains("trusted by the CA bundle"), () -> text(report));
            CheckResult cert = check(report, "certificate");
            assertTrue(cert.detail().contains("subject CN=sandbox"), cert.detail());
            assertTrue(cert.detail().contains("issuer CN=cbagent doctor CA"), cert.detail());
            assertTrue(cert.detail().contains("pin " + PublicKeyPins.of(certificate.certificate())), cert.detail());
            assertStatus(Status.OK, check(report, "credentials"), report);
            assertTrue(report.ok(), () -> text(report));
        }

        @Test
        void warns_when_the_certificate_expires_within_30_days() throws IOException {
            SandboxServer server = https(certificate);
            ca.writePem(bench.file("ca.pem"));
            DoctorReport report = bench.examine(bench.profile(server.baseUri().toString(), "  caBundle: ca.pem\n"));
            CheckResult cert = check(report, "certificate");
            assertStatus(Status.WARN, cert, report);
            assertTrue(cert.detail().contains("(in 29 days)"), cert.detail());
        }

        @Test
        void says_an_untrusted_certificate_is_not_trusted_with_its_subject_and_issuer() {
            SandboxServer server = https(otherCa.issueServer());
            DoctorReport report = bench.examine(bench.profile(server));
            CheckResult tls = check(report, "tls");
            assertStatus(Status.FAIL, tls, report);
            assertTrue(tls.detail().startsWith("the server certificate is not trusted: it is not issued by a CA in "
                    + "the system trust store (subject CN=sandbox, issuer CN=someone else's CA)"), tls.detail());
            assertTrue(tls.detail().contains("verify.pinnedPublicKey: sha256//"), tls.detail());
            assertEquals(ExitCode.SERVER_UNAVAILABLE, report.exitCode());
        }

        @Test
        void says_a_trusted_certificate_for_another_host_does_not_name_the_host() throws IOException {
            SandboxServer server = https(ca.issueServer("mgmt.example.ru"));
            ca.writePem(bench.file("ca.pem"));
            DoctorReport report = bench.examine(bench.profile(server.baseUri().toString(), "  caBundle: ca.pem\n"));
            CheckResult tls = check(report, "tls");
            assertStatus(Status.FAIL, tls, report);
            assertTrue(tls.detail().contains("does not name the host '127.0.0.1'"), tls.detail());
        }

        @Test
        void trusts_the_pinned_key_and_refuses_another() {
            Server foreign = otherCa.issueServer("somewhere.else");
            SandboxServer server = https(foreign);
            DoctorReport right = bench.examine(bench.profile(server.baseUri().toString(),
                    "  pinnedPublicKey: " + PublicKeyPins.of(foreign.certificate()) + "\n"));
            assertStatus(Status.OK, check(right, "tls"), right);
            DoctorReport wrong = bench.examine(bench.profile(server.baseUri().toString(),
                    "  pinnedPublicKey: " + PublicKeyPins.of(ca.certificate()) + "\n"));
            CheckResult tls = check(wrong, "tls");
            assertStatus(Status.FAIL, tls, wrong);
            assertTrue(tls.detail().contains("does not match the pinned public key"), tls.detail());
        }

        @Test
        void says_a_plain_http_port_does_not_speak_tls() {
            SandboxServer server = http();
            DoctorReport report = bench.examine(bench.profile("https://127.0.0.1:" + server.port(), ""));
            CheckResult tls = check(report, "tls");
            assertStatus(Status.FAIL, tls, report);
            assertTrue(tls.detail().endsWith(": the server answered in plain HTTP: is the API http://?"), tls.detail());
        }
    }

    @Nested
    class On_the_machine {
        @Test
        void fails_with_exit_3_when_not_root() {
            DoctorReport report = bench.examine(bench.profile(http()), false);
            assertStatus(Status.FAIL, check(report, "privileges"), report);
            assertTrue(check(report, "privileges").detail().startsWith("not root"), () -> text(report));
            assertEquals(ExitCode.INSTALLER_FAILED, report.exitCode());
        }

        @Test
        void fails_with_exit_3_when_the_installer_is_missing() throws IOException {
            Files.delete(bench.installer);
            DoctorReport report = bench.examine(bench.profile(http()));
            CheckResult installer = check(report, "installer");
            assertStatus(Status.FAIL, installer, report);
            assertTrue(installer.detail().endsWith("does not exist"), installer.detail());
            assertEquals(ExitCode.INSTALLER_FAILED, report.exitCode());
        }

        @Test
        void reports_an_existing_installation() throws IOException {
            Files.createDirectories(bench.file("root").resolve("usr/lib/Acronis/BackupAndRecovery"));
            DoctorReport report = bench.examine(bench.profile(http()));
            assertTrue(check(report, "installation").detail().startsWith("an agent is already installed"),
                    () -> text(report));
        }
    }

    @Nested
    class Order_and_speed {
        @Test
        void an_invalid_profile_fails_first_with_exit_2_and_the_rest_still_runs() {
            DoctorReport report = bench.examine(bench.profile(http()) + "colour: blue\n");
            assertStatus(Status.FAIL, check(report, "profile"), report);
            assertEquals(ExitCode.INVALID_INPUT, report.exitCode());
            assertStatus(Status.OK, check(report, "credentials"), report);
        }

        @Test
        void a_server_that_accepts_but_never_answers_is_reported_within_the_deadline() throws IOException {
            try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                Path file = new ProfileFixture(dir).write("silent.yaml", ProfileFixture.HEADER
                        + bench.profile("https://127.0.0.1:" + silent.getLocalPort(), ""));
                DoctorSettings settings = new DoctorSettings(java.time.Duration.ofSeconds(1), silent.getLocalPort());
                long started = System.nanoTime();
                DoctorReport report = new Doctor(bench.environment(true), settings)
                        .examine(new ProfileFixture(dir).check(file, null));
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(millis < settings.deadline().toMillis() + 1000, () -> millis + " ms\n" + text(report));
                assertStatus(Status.OK, check(report, "port api"), report);
                assertTrue(check(report, "tls").detail().contains("gave no TLS answer within 1s"), () -> text(report));
                assertStatus(Status.FAIL, check(report, "credentials"), report);
                assertEquals(ExitCode.SERVER_UNAVAILABLE, report.exitCode());
            }
        }

        @Test
        void gives_up_on_an_unreachable_server_within_the_deadline() {
            long started = System.nanoTime();
            DoctorReport report = bench.examine(bench.profile("https://192.0.2.1:9877", ""));
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertEquals(ExitCode.SERVER_UNAVAILABLE, report.exitCode());
            assertStatus(Status.FAIL, check(report, "port api"), report);
            assertTrue(seconds <= bench.settings().deadline().toSeconds() + 1, () -> seconds + " s\n" + text(report));
        }
    }
}
