package dev.cbagent.api;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.support.OpenSockets;
import dev.cbagent.testing.TestCertificates;
import dev.cbagent.testing.TestCertificates.Authority;
import dev.cbagent.testing.TestCertificates.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real client against the sandbox over real TLS, with certificates made for the test. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TlsTrustTest {
    private static Authority ca;
    private static Authority otherCa;
    private static Server serverCertificate;

    @TempDir
    Path dir;

    private final List<SandboxServer> servers = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() {
        ca = Authority.create("cbagent test CA");
        otherCa = Authority.create("someone else's CA");
        serverCertificate = ca.issueServer();
    }

    /** A loopback port that accepts connections and never answers; closed after each test. */
    private ServerSocket silent;
    private final AtomicInteger accepted = new AtomicInteger();

    @AfterEach
    void stopServers() throws IOException {
        servers.forEach(SandboxServer::close);
        if (silent != null) {
            silent.close();
        }
    }

    private SandboxServer httpsSandbox(Server certificate) {
        SandboxServer server = SandboxServer.start(SandboxConfig.defaults().withTls(certificate.sslContext()));
        servers.add(server);
        return server;
    }

    private static ApiClient client(SandboxServer server, TrustConfig trust) {
        return new ApiClient(ApiConfig.of(server.baseUri(), "admin", SandboxConfig.DEFAULT_PASSWORD).withTrust(trust),
                RetryPolicy.standard(d -> { }));
    }

    private static CbagentException failure(SandboxServer server, TrustConfig trust) {
        CbagentException e = assertThrows(CbagentException.class, () -> client(server, trust).login());
        assertEquals(ExitCode.SERVER_UNAVAILABLE, e.exitCode());
        return e;
    }

    @Test
    void trusts_a_server_issued_by_the_ca_bundle() throws IOException {
        SandboxServer server = httpsSandbox(serverCertificate);
        Path bundle = dir.resolve("ca.pem");
        Files.writeString(bundle, "some comment before\n" + TestCertificates.pem(otherCa.certificate())
                + TestCertificates.pem(ca.certificate()));
        ApiClient api = client(server, TrustConfig.caBundle(bundle));
        api.login();
        assertTrue(api.get(ApiClient.RESOURCES, Query.empty()).has("items"));
    }

    @Test
    void refuses_a_server_the_system_trust_store_does_not_know() {
        SandboxServer server = httpsSandbox(serverCertificate);
        CbagentException e = failure(server, TrustConfig.systemDefault());
        assertEquals("TLS: the server certificate at " + server.baseUri()
                + " is not trusted (it is not issued by a CA in the system trust store)", e.getMessage());
    }

    @Test
    void refuses_a_server_issued_by_a_ca_outside_the_bundle() throws IOException {
        SandboxServer server = httpsSandbox(serverCertificate);
        Path bundle = otherCa.writePem(dir.resolve("other.pem"));
        CbagentException e = failure(server, TrustConfig.caBundle(bundle));
        assertTrue(e.getMessage().startsWith("TLS: the server certificate at " + server.baseUri() + " is not trusted"),
                e.getMessage());
    }

    @Test
    void refuses_a_trusted_certificate_for_another_host_name() throws IOException {
        SandboxServer server = httpsSandbox(ca.issueServer("mgmt.example.ru"));
        CbagentException e = failure(server, TrustConfig.caBundle(ca.writePem(dir.resolve("ca.pem"))));
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
    }

    @Test
    void says_so_when_the_ca_bundle_is_missing() {
        SandboxServer server = httpsSandbox(serverCertificate);
        CbagentException e = assertThrows(CbagentException.class,
                () -> client(server, TrustConfig.caBundle(dir.resolve("missing.pem"))));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("cannot read the CA bundle"), e.getMessage());
    }

    @Test
    void trusts_a_pinned_key_whoever_issued_it_and_whatever_host_it_names() {
        Server foreign = otherCa.issueServer("somewhere.else");
        SandboxServer server = httpsSandbox(foreign);
        ApiClient api = client(server, TrustConfig.pinnedPublicKey(PublicKeyPins.of(foreign.certificate())));
        api.login();
        assertTrue(api.get(ApiClient.RESOURCES, Query.empty()).has("items"));
    }

    @Test
    void refuses_a_server_whose_key_is_not_the_pinned_one() {
        SandboxServer server = httpsSandbox(serverCertificate);
        String wrongPin = PublicKeyPins.of(ca.certificate());
        CbagentException e = failure(server, TrustConfig.pinnedPublicKey(wrongPin));
        assertTrue(e.getMessage().startsWith("TLS: the server certificate at " + server.baseUri()
                + " does not match the pinned public key"), e.getMessage());
        assertTrue(e.getMessage().contains(PublicKeyPins.of(serverCertificate.certificate())), e.getMessage());
    }

    @Test
    void accepts_anything_when_insecure() {
        SandboxServer server = httpsSandbox(otherCa.issueServer("wrong.host"));
        ApiClient api = client(server, TrustConfig.insecure());
        api.login();
        assertTrue(api.get(ApiClient.RESOURCES, Query.empty()).has("items"));
    }

    @Test
    void gives_up_on_a_port_that_never_answers_the_handshake() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAndStaySilent, "silent-port");
        acceptor.setDaemon(true);
        acceptor.start();
        String url = "https://127.0.0.1:" + silent.getLocalPort();
        ApiClient api = new ApiClient(ApiConfig.of(java.net.URI.create(url), "admin", "x")
                .withTrust(TrustConfig.insecure()).withTimeouts(java.time.Duration.ofMillis(500), null));
        CbagentException e = assertThrows(CbagentException.class, api::login);
        assertEquals(ExitCode.SERVER_UNAVAILABLE, e.exitCode());
        assertEquals("cannot connect to the management server at " + url + ": no answer within 500ms", e.getMessage());
        assertTrue(accepted.get() > 0, "the client never reached the silent port");
    }

    @Test
    void says_when_an_https_url_points_at_a_plain_http_port() {
        SandboxServer server = SandboxServer.start(SandboxConfig.defaults());
        servers.add(server);
        String url = "https://127.0.0.1:" + server.port();
        ApiClient api = new ApiClient(ApiConfig.of(java.net.URI.create(url), "admin", "x")
                .withTrust(TrustConfig.insecure()), RetryPolicy.standard(d -> { }));
        CbagentException e = assertThrows(CbagentException.class, api::login);
        assertEquals(ExitCode.SERVER_UNAVAILABLE, e.exitCode());
        assertEquals("TLS: the handshake with " + url + " failed: " + PlainHttpProbe.SENTENCE, e.getMessage());
    }

    /** Holds every connection open without a byte in answer, until the test closes the port. */
    private void acceptAndStaySilent() {
        OpenSockets held = new OpenSockets();
        try (ServerSocket port = silent) {
            while (true) {
                held.add(port.accept());
                accepted.incrementAndGet();
            }
        } catch (IOException closed) {
            held.closeAll();
        }
    }
}
