package dev.cbagent.cli;

import dev.cbagent.support.HostileHttpServer;
import dev.cbagent.support.JarRunner;
import dev.cbagent.support.JarRunner.Result;
import dev.cbagent.support.ProfileFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: {@code verify} against servers that misbehave on purpose (a body that trickles, a body without end,
 * a cursor without end, an error that quotes the Basic credentials). Every run ends within its own timeout plus a
 * little, with exit 6 and one sentence, and no secret in any form.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostileServerIT {
    private static final String LOGIN = "api-admin";
    private static final String PASSWORD = "p@ss w0rd/&=Zq81";
    private static final String TOKEN_JSON = "{\"access_token\":\"t0k\",\"token_type\":\"bearer\",\"expires_in\":3600}";

    @TempDir
    Path dir;

    private Path profile(HostileHttpServer server) throws IOException {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, ProfileFixture.HEADER + """
                platform: linux
                installer: {path: /srv/a.bin}
                registration:
                  address: %s
                  token: ${env:CB_REG_TOKEN}
                verify:
                  login: %s
                  password: ${env:CB_API_PWD}
                  hostname: web-01
                """.formatted(server.baseUri(), LOGIN));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private JarRunner jar() {
        return new JarRunner(dir, Map.of("CB_REG_TOKEN", "reg-tok-3x4", "CB_API_PWD", PASSWORD))
                .within(Duration.ofSeconds(40));
    }

    private record Timed(Result result, double seconds) {
    }

    private Timed verify(HostileHttpServer server, String timeout) throws IOException {
        long start = System.nanoTime();
        Result result = jar().run("verify", profile(server).toString(), "--timeout", timeout);
        return new Timed(result, (System.nanoTime() - start) / 1e9);
    }

    private static void assertCleanFailure(Result result) {
        assertEquals(6, result.exitCode(), result::toString);
        assertFalse(result.stderr().contains("Exception") || result.stderr().contains("\tat ")
                || result.stderr().contains("internal error"), result::toString);
        assertFalse(result.all().contains(PASSWORD), result::toString);
    }

    private static void trickle(OutputStream out) throws IOException, InterruptedException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (int i = 0; i < 100_000; i++) {
            Thread.sleep(200);
            out.write(' ');
            out.flush();
        }
    }

    @Test
    void a_body_that_trickles_ends_verify_within_its_timeout() throws Exception {
        try (HostileHttpServer server = HostileHttpServer.start((line, headers, out) -> trickle(out))) {
            Timed run = verify(server, "5s");
            assertCleanFailure(run.result());
            assertTrue(run.seconds() < 10, () -> "took " + run.seconds() + " s\n" + run.result());
            assertTrue(run.result().stderr().contains("did not answer within 5s"), run.result()::toString);
            System.out.printf("verify --timeout 5s against a trickling body: %.1f s%n", run.seconds());
        }
    }

    @Test
    void an_endless_body_is_cut_off_at_the_cap_with_a_sentence() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        try (HostileHttpServer server = HostileHttpServer.start((line, headers, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        })) {
            Timed run = verify(server, "30s");
            assertCleanFailure(run.result());
            assertTrue(run.result().stderr().contains("with more than 32 MB"), run.result()::toString);
            assertTrue(run.seconds() < 30, () -> "took " + run.seconds() + " s");
        }
    }

    @Test
    void a_cursor_without_end_is_bounded_by_the_timeout() throws Exception {
        AtomicInteger page = new AtomicInteger();
        try (HostileHttpServer server = HostileHttpServer.start((line, headers, out) -> {
            if (line.contains("/idp/token")) {
                HostileHttpServer.json(out, 200, TOKEN_JSON);
            } else {
                HostileHttpServer.json(out, 200, "{\"items\":[],\"paging\":{\"cursors\":{\"after\":\"c"
                        + page.incrementAndGet() + "\"}}}");
            }
        })) {
            Timed run = verify(server, "5s");
            assertTrue(run.result().exitCode() == 5 || run.result().exitCode() == 6, run.result()::toString);
            assertFalse(run.result().stderr().contains("Exception"), run.result()::toString);
            assertTrue(run.seconds() < 10, () -> "took " + run.seconds() + " s");
            assertTrue(server.requests() <= 1_100, () -> server.requests() + " requests");
            System.out.printf("verify --timeout 5s against an endless cursor: %.1f s, %d requests%n", run.seconds(),
                    server.requests());
        }
    }

    @Test
    void an_error_that_quotes_the_basic_credentials_shows_them_masked() throws Exception {
        String basic = Base64.getEncoder().encodeToString((LOGIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String encoded = java.net.URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        String password64 = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
        try (HostileHttpServer server = HostileHttpServer.start((line, headers, out) -> {
            String auth = headers.stream().filter(h -> h.toLowerCase().startsWith("authorization:")).findFirst().orElse("");
            HostileHttpServer.json(out, 418, "{\"error\":{\"message\":\"refused " + auth + " password=" + encoded
                    + " b64=" + password64 + "\"}}");
        })) {
            Timed run = verify(server, "5s");
            assertCleanFailure(run.result());
            String all = run.result().all();
            assertTrue(all.contains("refused Authorization: Basic ******"), run.result()::toString);
            assertFalse(all.contains(basic) || all.contains(basic.substring(0, 12)), run.result()::toString);
            assertFalse(all.contains(encoded), run.result()::toString);
            assertFalse(all.contains(password64), run.result()::toString);
        }
    }
}
