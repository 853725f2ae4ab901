package dev.cbagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.support.JarRunner;
import dev.cbagent.support.JarRunner.Result;
import dev.cbagent.support.ProfileFixture;
import dev.cbagent.testing.TestCertificates.Authority;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Black-box: {@code cbagent doctor} as a process. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DoctorIT {
    @TempDir
    Path dir;

    private Path profile(String address) {
        return new ProfileFixture(dir).write("web.yaml", ProfileFixture.HEADER
                + "platform: linux\ninstaller:\n  path: " + dir.resolve("missing.bin") + "\n"
                + "registration:\n  mode: by-token\n  address: " + address + "\n  token: ${env:CB_REG_TOKEN}\n"
                + "verify:\n  login: admin\n  password: ${env:CB_API_PWD}\n");
    }

    private Result doctor(String... args) {
        return new JarRunner(dir, ProfileFixture.ENV).run(args);
    }

    @Test
    void points_at_a_closed_port_and_exits_6() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Result result = doctor("doctor", profile("http://127.0.0.1:" + closed).toString(), "--timeout", "1s");
        assertEquals(6, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("FAIL  port api: 127.0.0.1:" + closed + " refused the connection"),
                result::toString);
        assertTrue(result.stdout().contains("FAIL  installer: installer.path "), result::toString);
        ValidateAndPlanIT.assertNoSecretsAndNoStackTrace(result);
    }

    @Test
    void says_in_json_that_an_untrusted_certificate_is_not_trusted() {
        Authority unknown = Authority.create("unknown CA");
        try (SandboxServer server = SandboxServer.start(SandboxConfig.defaults()
                .withTls(unknown.issueServer().sslContext()))) {
            Result result = doctor("doctor", profile(server.baseUri().toString()).toString(), "--output", "json");
            assertEquals(6, result.exitCode(), result::toString);
            JsonNode doc = ValidateAndPlanIT.oneJsonDocument(result);
            assertFalse(doc.get("ok").asBoolean());
            JsonNode tls = null;
            for (JsonNode check : doc.get("checks")) {
                if (check.get("name").asText().equals("tls")) {
                    tls = check;
                }
            }
            assertEquals("fail", tls.get("status").asText(), result::toString);
            assertTrue(tls.get("detail").asText().contains("not trusted"), result::toString);
            assertTrue(tls.get("detail").asText().contains("issuer CN=unknown CA"), result::toString);
            ValidateAndPlanIT.assertNoSecretsAndNoStackTrace(result);
        }
    }
}
