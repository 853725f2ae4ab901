package dev.cbagent.api;

import dev.cbagent.error.CbagentException;
import dev.cbagent.sandbox.Faults;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.testing.TestCertificates;
import dev.cbagent.verify.RegistrationVerifier;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every failure the client can report is searched for the password, down the whole cause chain. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecretLeakTest {
    private static final String PASSWORD = "Leak-Me-If-You-Can-42";

    @TempDir
    Path dir;

    @Test
    void no_exception_message_contains_the_password() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        Consumer<Runnable> collect = action -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        };
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var ca = TestCertificates.Authority.create("leak CA");
        try (SandboxServer http = SandboxServer.start(SandboxConfig.defaults().withAdmin("admin", PASSWORD + "-other"));
             SandboxServer flaky = SandboxServer.start(SandboxConfig.defaults().withAdmin("admin", PASSWORD)
                     .withFaults(Faults.none().withFail503(100)));
             SandboxServer expiring = SandboxServer.start(SandboxConfig.defaults().withAdmin("admin", PASSWORD)
                     .withTokenTtl(Duration.ZERO));
             SandboxServer tls = SandboxServer.start(SandboxConfig.defaults().withAdmin("admin", PASSWORD)
                     .withTls(ca.issueServer().sslContext()))) {
            RetryPolicy noWait = RetryPolicy.standard(d -> { });
            collect.accept(() -> new ApiClient(ApiConfig.of(http.baseUri(), "admin", PASSWORD), noWait).login());
            collect.accept(() -> new ApiClient(ApiConfig.of(URI.create("http://127.0.0.1:" + closedPort), "admin", PASSWORD), noWait).login());
            collect.accept(() -> new ApiClient(ApiConfig.of(URI.create("http://x.invalid"), "admin", PASSWORD), noWait).login());
            collect.accept(() -> new ApiClient(ApiConfig.of(flaky.baseUri(), "admin", PASSWORD), noWait).login());
            collect.accept(() -> new ApiClient(ApiConfig.of(expiring.baseUri(), "admin", PASSWORD), noWait)
                    .get(ApiClient.RESOURCES, Query.empty()));
            collect.accept(() -> new ApiClient(ApiConfig.of(tls.baseUri(), "admin", PASSWORD), noWait).login());
            collect.accept(() -> new ApiClient(ApiConfig.of(tls.baseUri(), "admin", PASSWORD)
                    .withTrust(TrustConfig.pinnedPublicKey(PublicKeyPins.of(ca.certificate()))), noWait).login());
            collect.accept(() -> new ApiClient(ApiConfig.of(tls.baseUri(), "admin", PASSWORD)
                    .withTrust(TrustConfig.caBundle(dir.resolve("missing.pem"))), noWait));
            collect.accept(() -> ApiConfig.of(URI.create("https://admin:" + PASSWORD + "@mgmt"), "admin", PASSWORD));
            collect.accept(() -> new RegistrationVerifier(new ApiClient(ApiConfig.of(http.baseUri(), "admin", PASSWORD), noWait),
                    Clock.systemUTC(), d -> { }).await(List.of("web-01"), true, Duration.ZERO));
        }

        assertEquals(10, failures.size());
        for (Throwable failure : failures) {
            assertEquals(CbagentException.class, failure.getClass(), String.valueOf(failure));
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(PASSWORD), t.toString());
                assertFalse(t.toString().contains(PASSWORD), t.toString());
            }
        }
    }

    @Test
    void the_client_and_its_config_never_print_the_password() {
        ApiConfig config = ApiConfig.of(URI.create("https://mgmt:9877"), "admin", PASSWORD);
        assertFalse(config.toString().contains(PASSWORD));
        assertFalse(new ApiClient(config).toString().contains(PASSWORD));
        assertFalse(SandboxConfig.defaults().withAdmin("admin", PASSWORD).toString().contains(PASSWORD));
    }
}
