package dev.cbagent.api;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.support.ForwardingProxy;
import dev.cbagent.testing.TestCertificates.Authority;
import dev.cbagent.testing.TestCertificates.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real client through a real forwarding proxy on loopback. The server is named {@code mgmt.proxy.test}, which
 * only the proxy can reach (it takes every name to 127.0.0.1): a request that succeeds went through it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApiClientProxyTest {
    private static final String NAME = "mgmt.proxy.test";
    private static final String PROXY_PASSWORD = "pr0xy-S3cret/+=";
    private static Server certificate;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        certificate = Authority.create("proxy test CA").issueServer(NAME);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T keep(T thing) {
        open.add(thing);
        return thing;
    }

    private SandboxServer sandbox(boolean tls) {
        SandboxConfig config = SandboxConfig.defaults();
        return keep(SandboxServer.start(tls ? config.withTls(certificate.sslContext()) : config));
    }

    private static ApiClient client(URI url, ProxyPolicy proxies) {
        return new ApiClient(ApiConfig.of(url, "admin", SandboxConfig.DEFAULT_PASSWORD)
                .withTrust(TrustConfig.pinnedPublicKey(PublicKeyPins.of(certificate.certificate())))
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5)).withProxies(proxies),
                RetryPolicy.standard(d -> { }));
    }

    private static URI named(SandboxServer server) {
        return URI.create(server.baseUri().getScheme() + "://" + NAME + ":" + server.port());
    }

    @Test
    void https_proxy_carries_an_https_server_through_a_CONNECT_tunnel() throws IOException {
        SandboxServer server = sandbox(true);
        ForwardingProxy proxy = keep(new ForwardingProxy());
        client(named(server), new ProxyPolicy.Environment(Map.of("https_proxy", proxy.url()))).login();
        assertEquals(1, proxy.tunnels());
        assertEquals(List.of(NAME + ":" + server.port()), proxy.targets());
    }

    @Test
    void HTTP_PROXY_in_capitals_forwards_a_plain_http_server_by_absolute_URI() throws IOException {
        SandboxServer server = sandbox(false);
        ForwardingProxy proxy = keep(new ForwardingProxy());
        ApiClient api = client(named(server), new ProxyPolicy.Environment(Map.of("HTTP_PROXY", proxy.url())));
        api.login();
        api.get(ApiClient.RESOURCES, Query.empty());
        assertEquals(2, proxy.forwarded());
        assertEquals(0, proxy.tunnels());
    }

    @Test
    void a_proxy_login_is_sent_with_the_tunnel_and_masked_in_messages() throws IOException {
        SandboxServer server = sandbox(true);
        ForwardingProxy proxy = keep(new ForwardingProxy()).requireLogin("cb", PROXY_PASSWORD);
        String url = "http://cb:" + java.net.URLEncoder.encode(PROXY_PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
                + "@127.0.0.1:" + proxy.port();
        client(named(server), new ProxyPolicy.Environment(Map.of("https_proxy", url))).login();
        assertTrue(proxy.tunnels() >= 1);
        assertTrue(proxy.authorizations().stream().anyMatch(a -> a.startsWith("Basic ")), "the login was sent");

        ForwardingProxy strict = keep(new ForwardingProxy()).requireLogin("cb", "another");
        String wrong = "http://cb:" + PROXY_PASSWORD.replace("/", "%2F").replace("+", "%2B").replace("=", "%3D")
                + "@127.0.0.1:" + strict.port();
        CbagentException e = assertThrows(CbagentException.class,
                () -> client(named(server), new ProxyPolicy.Environment(Map.of("https_proxy", wrong))).login());
        assertTrue(strict.refused() >= 1);
        assertEquals(0, strict.tunnels());
        assertTrue(e.getMessage().contains("rejected the login 'cb' (407"), e.getMessage());
        assertTrue(e.getMessage().contains("http://cb:******@127.0.0.1:" + strict.port()), e.getMessage());
        assertFalse(e.getMessage().contains(PROXY_PASSWORD), e.getMessage());
    }

    @Test
    void no_proxy_sends_a_matching_server_past_the_proxy() throws IOException {
        SandboxServer server = sandbox(true);
        ForwardingProxy proxy = keep(new ForwardingProxy());
        CbagentException e = assertThrows(CbagentException.class, () -> client(named(server),
                new ProxyPolicy.Environment(Map.of("https_proxy", proxy.url(), "NO_PROXY", "example.ru, .proxy.test"))).login());
        // directly, this machine cannot even resolve the name: proof that the proxy was not asked
        assertTrue(e.getMessage().contains("cannot be resolved"), e.getMessage());
        assertEquals(0, proxy.tunnels());
        assertEquals(List.of(), proxy.targets());
    }

    @Test
    void an_explicit_proxy_is_used_even_for_loopback_and_none_ignores_the_environment() throws IOException {
        SandboxServer server = sandbox(true);
        ForwardingProxy proxy = keep(new ForwardingProxy());
        client(server.baseUri(), new ProxyPolicy.Fixed(ProxyEndpoint.parse(proxy.url(), "verify.proxy"))).login();
        assertEquals(1, proxy.tunnels());
        client(server.baseUri(), new ProxyPolicy.Environment(Map.of("https_proxy", proxy.url()))).login();
        client(server.baseUri(), ProxyPolicy.none()).login();
        assertEquals(1, proxy.tunnels(), "loopback from the environment and none: directly");
    }

    @Test
    void a_dead_proxy_is_named_in_one_sentence() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        long started = System.nanoTime();
        CbagentException e = assertThrows(CbagentException.class, () -> client(URI.create("https://" + NAME + ":9877"),
                new ProxyPolicy.Environment(Map.of("https_proxy", "http://127.0.0.1:" + dead))).login());
        assertEquals(ExitCode.SERVER_UNAVAILABLE, e.exitCode());
        assertEquals("cannot connect to the proxy http://127.0.0.1:" + dead + " (https_proxy) on the way to the "
                + "management server at https://" + NAME + ":9877: connection refused", e.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(3).toNanos(), "at once, not after a timeout");
    }
}
