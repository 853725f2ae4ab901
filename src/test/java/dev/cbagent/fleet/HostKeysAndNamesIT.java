package dev.cbagent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.sandbox.fake.FakeTools;
import dev.cbagent.support.JarRunner;
import dev.cbagent.support.LoopbackSshd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: {@code fleet run} against sshd impostors on loopback. A host that offers a key of another type than
 * known_hosts holds for it, or a key marked {@code @revoked}, gets nothing (no key appended, no installer, no
 * token); a host that reports a name with terminal escapes is refused without printing them.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostKeysAndNamesIT {
    private static final String ADDRESS = "127.0.0.2";
    private static final Map<String, String> ENV = Map.of("CB_REG_TOKEN", SandboxConfig.DEFAULT_TOKEN,
            "CB_API_PWD", SandboxConfig.DEFAULT_PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    SandboxServer sandbox;
    Path profile;
    Process sshd;
    int port;

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue(LoopbackSshd.available(), "skipped: /usr/sbin/sshd is not installed");
        sandbox = SandboxServer.start(SandboxConfig.defaults());
        Path installer = FakeTools.install(dir.resolve("tools"), JarRunner.jar().toString()).linuxInstaller();
        profile = FleetTestProfiles.linux(dir, installer, sandbox.baseUri());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (sshd != null) {
            sshd.destroy();
            if (!sshd.waitFor(5, TimeUnit.SECONDS)) {
                sshd.destroyForcibly();
            }
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> String.join(" ", command) + ": " + out);
    }

    private Path key(String name, String type) throws IOException, InterruptedException {
        Path file = dir.resolve(name);
        run(dir, "ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", file.toString());
        return file;
    }

    private static String publicKey(Path key) throws IOException {
        String[] f = Files.readString(Path.of(key + ".pub")).trim().split(" ");
        return f[0] + " " + f[1];
    }

    /** One sshd on 127.0.0.2 with the given host key; {@code forceCommand} (a script) answers every command. */
    private void startSshd(Path hostKey, Path client, Path forceCommand) throws Exception {
        Files.createDirectories(Path.of("/run/sshd"));
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(ADDRESS, 0));
            port = s.getLocalPort();
        }
        Files.copy(Path.of(client + ".pub"), dir.resolve("authorized_keys"));
        Path config = dir.resolve("sshd.conf");
        Files.writeString(config, "ListenAddress " + ADDRESS + ":" + port + "\nHostKey " + hostKey + "\nPidFile "
                + dir.resolve("sshd.pid") + "\nAuthorizedKeysFile " + dir.resolve("authorized_keys")
                + "\nUsePAM no\nStrictModes no\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n"
                + "KbdInteractiveAuthentication no\nSubsystem sftp internal-sftp\n"
                + (forceCommand == null ? "" : "ForceCommand " + forceCommand + "\n"));
        sshd = new ProcessBuilder(LoopbackSshd.SSHD.toString(), "-D", "-f", config.toString(), "-E",
                dir.resolve("sshd.log").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.out").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(ADDRESS, port), 200);
                return;
            } catch (IOException notYet) {
                assertTrue(sshd.isAlive() && System.nanoTime() < until, "sshd did not start; see " + dir);
                Thread.sleep(50);
            }
        }
    }

    private Path hosts(Path client, boolean withHostname) throws IOException {
        Path file = dir.resolve("hosts.yaml");
        Files.writeString(file, "defaults:\n  user: root\n  identityFile: " + client + "\nhosts:\n  - address: " + ADDRESS
                + "\n    port: " + port + "\n" + (withHostname ? "    hostname: node-001\n" : "")
                + "    env: {CBAGENT_FAKE_HOSTNAME: node-001}\n");
        return file;
    }

    private JarRunner.Result fleet(Path hosts, Path knownHosts, String policy) throws IOException {
        List<String> args = new ArrayList<>(List.of("fleet", "run", "--hosts", hosts.toString(), "--profile",
                profile.toString(), "--known-hosts", knownHosts.toString(), "--strict-host-key-checking", policy,
                "--connect-timeout", "10s", "--output", "json"));
        return new JarRunner(dir, ENV).within(Duration.ofSeconds(90)).run(args.toArray(String[]::new));
    }

    private static JsonNode onlyHost(JarRunner.Result r) throws IOException {
        JsonNode doc = JSON.readTree(r.stdout());
        assertEquals(1, doc.get("hosts").size(), r::toString);
        return doc.get("hosts").get(0);
    }

    private void assertNothingSent(JarRunner.Result r) {
        assertEquals(7, r.exitCode(), r::toString);
        assertEquals(0, sandbox.state().get("registrations").asInt(), "the impostor got the token");
        assertFalse(r.all().contains(SandboxConfig.DEFAULT_TOKEN) || r.all().contains(SandboxConfig.DEFAULT_PASSWORD), r::toString);
    }

    @Test
    void accept_new_refuses_a_host_that_offers_a_key_of_another_type_than_the_known_one() throws Exception {
        Path client = key("client", "ed25519");
        Path real = key("real_host", "ed25519");
        Path impostor = key("impostor_host", "ecdsa");
        startSshd(impostor, client, null);
        Path known = dir.resolve("known_hosts");
        String line = "[" + ADDRESS + "]:" + port + " " + publicKey(real) + "\n";
        Files.writeString(known, line);

        JarRunner.Result r = fleet(hosts(client, true), known, "accept-new");

        assertNothingSent(r);
        JsonNode host = onlyHost(r);
        assertEquals("failed", host.get("status").asText(), host::toString);
        assertTrue(host.get("error").asText().contains("has changed"), host::toString);
        assertTrue(host.get("error").asText().contains("ssh-ed25519"), host::toString);
        assertEquals(line, Files.readString(known), "the impostor's key was added to known_hosts");
    }

    @Test
    void a_revoked_key_is_refused_under_every_policy_also_through_a_pattern() throws Exception {
        Path client = key("client", "ed25519");
        Path hostKey = key("host", "ed25519");
        startSshd(hostKey, client, null);
        Path known = dir.resolve("known_hosts");
        Files.writeString(known, "[" + ADDRESS + "]:" + port + " " + publicKey(hostKey) + "\n"
                + "@revoked * " + publicKey(hostKey) + "\n");

        for (String policy : List.of("yes", "accept-new", "no")) {
            JarRunner.Result r = fleet(hosts(client, true), known, policy);
            assertNothingSent(r);
            JsonNode host = onlyHost(r);
            assertTrue(host.get("error").asText().contains("@revoked"), () -> policy + ": " + host);
        }

        Files.writeString(known, "@revoked 127.0.0.* " + publicKey(hostKey) + "\n");
        JarRunner.Result accept = fleet(hosts(client, true), known, "accept-new");
        assertNothingSent(accept);
        assertTrue(onlyHost(accept).get("error").asText().contains("@revoked"), accept::toString);
        assertFalse(Files.readString(known).contains("[" + ADDRESS + "]"), "a revoked key was accepted as new");
    }

    @Test
    void a_reported_name_with_terminal_escapes_is_refused_and_never_printed_raw() throws Exception {
        Path client = key("client", "ed25519");
        Path hostKey = key("host", "ed25519");
        Path answer = dir.resolve("answer.sh");
        Files.writeString(answer, "#!/bin/sh\n"
                + "if [ \"$SSH_ORIGINAL_COMMAND\" = hostname ]; then printf 'web\\033]0;owned\\007\\033[2J-01\\n'; exit 0; fi\n"
                + "exec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n");
        Files.setPosixFilePermissions(answer, PosixFilePermissions.fromString("rwxr-xr-x"));
        startSshd(hostKey, client, answer);
        Path known = dir.resolve("known_hosts");
        Files.writeString(known, "[" + ADDRESS + "]:" + port + " " + publicKey(hostKey) + "\n");

        JarRunner.Result r = fleet(hosts(client, false), known, "yes");

        assertNothingSent(r);
        assertFalse(r.all().contains("\u001b") || r.all().contains("\u0007"), "a terminal escape reached the output");
        JsonNode host = onlyHost(r);
        assertEquals("hostname", host.get("step").asText(), host::toString);
        assertTrue(host.get("error").asText().contains("not a host name"), host::toString);
    }
}
