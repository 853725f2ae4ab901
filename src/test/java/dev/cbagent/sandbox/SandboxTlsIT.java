package dev.cbagent.sandbox;

import dev.cbagent.support.ForwardingProxy;
import dev.cbagent.support.JarRunner;
import dev.cbagent.support.ProfileFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: {@code cbagent sandbox --tls} from the built jar, and doctor and verify against it with the CA it
 * printed, without it, and through a real forwarding proxy on loopback.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SandboxTlsIT {
    @TempDir
    static Path dir;
    private static Process sandbox;
    private static String url;
    private static Path ca;
    private static int zmqPort;
    private static String pin;
    /** A live machine the sandbox starts with: a trusted verify of it ends at once (exit 0), not at its timeout. */
    private static final String SEEDED = "seeded-01";

    @BeforeAll
    static void startSandbox() throws Exception {
        Path ready = dir.resolve("ready");
        Path log = dir.resolve("sandbox.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        sandbox = new ProcessBuilder(java, "-jar", JarRunner.jar().toString(), "sandbox", "--tls", "--port", "0", "--seed-twin", SEEDED,
                "--ready-file", ready.toString(), "--tools-dir", dir.resolve("tools").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 300 && !Files.exists(ready); i++) {
            assertTrue(sandbox.isAlive(), () -> "the sandbox ended:\n" + read(log));
            Thread.sleep(100);
        }
        url = Files.readString(ready).strip();
        ca = dir.resolve("ready-ca.pem");
        String said = read(log);
        Matcher zmq = Pattern.compile("zmq port (\\d+)").matcher(said);
        Matcher key = Pattern.compile("verify.pinnedPublicKey: (sha256//\\S+=)").matcher(said);
        assertTrue(zmq.find() && key.find(), said);
        zmqPort = Integer.parseInt(zmq.group(1));
        pin = key.group(1);
        assertTrue(url.startsWith("https://127.0.0.1:"), url);
        assertTrue(said.contains("CA " + ca.toAbsolutePath() + " (verify.caBundle)"), said);
        assertTrue(Files.readString(ca).startsWith("-----BEGIN CERTIFICATE-----"));
    }

    @AfterAll
    static void stopSandbox() throws InterruptedException {
        sandbox.destroy();
        if (!sandbox.waitFor(20, TimeUnit.SECONDS)) {
            sandbox.destroyForcibly();
        }
    }

    private static Path profile(String name, String apiUrl, String trust, String extra) {
        return new ProfileFixture(dir).write(name, ProfileFixture.HEADER
                + "platform: linux\ninstaller:\n  path: " + dir.resolve("tools").resolve("CyberBackup_AgentForLinux_x86_64.bin") + "\n"
                + "registration:\n  mode: by-token\n  address: " + url + "\n  token: ${env:CB_REG_TOKEN}\n"
                + "verify:\n  apiUrl: " + apiUrl + "\n  login: admin\n  password: ${env:CB_API_PWD}\n  requireOnline: false\n"
                + trust + extra);
    }

    private static JarRunner.Result run(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(ProfileFixture.ENV);
        all.put("CB_API_PWD", SandboxConfig.DEFAULT_PASSWORD);
        all.put("CBAGENT_SKIP_PRIVILEGE_CHECK", "1");
        all.putAll(env);
        return new JarRunner(dir, all).run(args);
    }

    @Test
    void doctor_is_all_ok_with_the_printed_ca() {
        Path profile = profile("ca.yaml", url, "  caBundle: " + ca + "\n", "");
        JarRunner.Result doctor = run(Map.of(), "doctor", profile.toString(), "--zmq-port", String.valueOf(zmqPort));
        for (String check : List.of("dns", "proxy", "port api", "port zmq", "tls", "certificate", "credentials")) {
            assertTrue(doctor.stdout().lines().anyMatch(l -> l.startsWith("ok    " + check + ": ")),
                    () -> check + " is not ok:\n" + doctor);
        }
        assertFalse(doctor.stdout().contains("FAIL"), doctor::toString);
    }

    @Test
    void verify_works_with_the_ca_or_the_pin_and_fails_clearly_without_them() {
        JarRunner.Result withCa = run(Map.of(), "verify", profile("ca.yaml", url, "  caBundle: " + ca + "\n", "").toString(),
                "--hostname", SEEDED, "--timeout", "10s");
        // trusted: the server answers and shows the machine (exit 0, not 6)
        assertEquals(0, withCa.exitCode(), withCa::toString);
        JarRunner.Result withPin = run(Map.of(), "verify", profile("pin.yaml", url, "  pinnedPublicKey: " + pin + "\n", "")
                .toString(), "--hostname", SEEDED, "--timeout", "10s");
        assertEquals(0, withPin.exitCode(), withPin::toString);
        JarRunner.Result without = run(Map.of(), "verify", profile("system.yaml", url, "", "").toString(),
                "--hostname", "nowhere-01", "--timeout", "10s");
        assertEquals(6, without.exitCode(), without::toString);
        assertTrue(without.stderr().contains("is not trusted (it is not issued by a CA in the system trust store)"),
                without::toString);
        assertFalse(without.stderr().contains("Exception"), without::toString);
    }

    @Test
    void verify_goes_through_https_proxy_unless_no_proxy_or_verify_proxy_none_says_otherwise() throws IOException {
        try (ForwardingProxy proxy = new ForwardingProxy()) {
            // only the proxy can reach this name (it takes every name to 127.0.0.1)
            String named = url.replace("127.0.0.1", "mgmt.proxy.test");
            String trust = "  pinnedPublicKey: " + pin + "\n";
            Path profile = profile("proxied.yaml", named, trust, "");
            JarRunner.Result through = run(Map.of("https_proxy", proxy.url()), "verify", profile.toString(),
                    "--hostname", SEEDED, "--timeout", "10s");
            assertEquals(0, through.exitCode(), through::toString);
            assertTrue(proxy.tunnels() >= 1, through::toString);
            int seen = proxy.tunnels();

            JarRunner.Result bypassed = run(Map.of("https_proxy", proxy.url(), "no_proxy", ".proxy.test"), "verify",
                    profile.toString(), "--hostname", "nowhere-01", "--timeout", "1s");
            assertEquals(6, bypassed.exitCode(), bypassed::toString);
            assertTrue(bypassed.stderr().contains("cannot be resolved"), bypassed::toString);
            JarRunner.Result none = run(Map.of("HTTPS_PROXY", proxy.url()), "verify",
                    profile("none.yaml", named, trust, "  proxy: none\n").toString(), "--hostname", "nowhere-01",
                    "--timeout", "1s");
            assertEquals(6, none.exitCode(), none::toString);
            assertEquals(seen, proxy.tunnels(), "no_proxy and verify.proxy: none went directly");
        }
    }

    @Test
    void a_dead_proxy_is_named_at_once() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        JarRunner.Result result = run(Map.of("https_proxy", "http://cb:pr0xy-pw@127.0.0.1:" + dead), "verify",
                profile("dead.yaml", url.replace("127.0.0.1", "mgmt.proxy.test"), "  pinnedPublicKey: " + pin + "\n", "")
                        .toString(), "--hostname", "nowhere-01", "--timeout", "10s");
        assertEquals(6, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("the proxy http://cb:******@127.0.0.1:" + dead + " (https_proxy)"), result::toString);
        assertFalse(result.all().contains("pr0xy-pw"), result::toString);
    }

    @Test
    void https_at_a_plain_http_port_is_diagnosed_at_once() throws Exception {
        try (SandboxServer plain = SandboxServer.start(SandboxConfig.defaults())) {
            String https = "https://127.0.0.1:" + plain.port();
            long started = System.nanoTime();
            JarRunner.Result result = run(Map.of(), "verify", profile("plain.yaml", https, "", "").toString(),
                    "--hostname", "nowhere-01", "--timeout", "30s");
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertEquals(6, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains("the server answered in plain HTTP: is the API http://?"), result::toString);
            assertTrue(seconds < 8, seconds + " s");
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
