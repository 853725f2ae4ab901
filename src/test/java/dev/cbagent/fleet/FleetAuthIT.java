package dev.cbagent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.support.JarRunner;
import dev.cbagent.support.LoopbackSshd;
import dev.cbagent.support.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: {@code fleet run} logging in as ordinary users, with a password, and with {@code sudo: true}. Needs
 * root to make throw-away accounts ({@link TestUser}) and sudo for the sudo case (.ci/run installs both tools).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FleetAuthIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static LoopbackFleet loopback;

    @TempDir
    Path dir;
    SandboxServer sandbox;
    Path profile;

    @BeforeAll
    static void startHosts() throws Exception {
        Assumptions.assumeTrue(LoopbackSshd.available(), "skipped: /usr/sbin/sshd is not installed");
        Assumptions.assumeTrue(TestUser.available(), "skipped: making test accounts needs root and useradd");
        loopback = LoopbackFleet.startWithPasswords(shared, 2);
    }

    @AfterAll
    static void stopHosts() {
        LoopbackFleet.stop(loopback);
    }

    @BeforeEach
    void startSandbox() throws IOException {
        sandbox = SandboxServer.start(SandboxConfig.defaults());
        profile = FleetTestProfiles.linux(dir, loopback.installer(), sandbox.baseUri());
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    private JarRunner.Result fleet(Path hosts, Map<String, String> env) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(LoopbackFleet.SECRETS);
        return new JarRunner(dir, all).run("fleet", "run", "--hosts", hosts.toString(), "--profile", profile.toString(),
                "--known-hosts", loopback.sshd().knownHosts().toString(), "--output", "json");
    }

    private String host(int i, String user, String extra) {
        return "  - {address: " + loopback.sshd().addresses().get(i) + ", port: " + loopback.sshd().port(i) + ", user: " + user
                + ", hostname: auth-" + i + extra + ", env: {CBAGENT_FAKE_HOSTNAME: auth-" + i + "}}\n";
    }

    @Test
    void a_user_logs_in_with_a_password_and_without_sudo_rights_sudo_true_fails_at_prepare() throws Exception {
        try (TestUser user = TestUser.create(loopback.sshd().clientPublicKey())) {
            Path hosts = dir.resolve("hosts.yaml");
            Files.writeString(hosts, "hosts:\n"
                    + host(0, user.name(), ", password: \"${env:CB_SSH_PWD}\"")
                    + host(1, user.name(), ", password: \"${env:CB_SSH_PWD}\", sudo: true"));
            JarRunner.Result r = fleet(hosts, Map.of("CB_SSH_PWD", user.password()));

            assertEquals(7, r.exitCode(), r::toString);
            JsonNode doc = JSON.readTree(r.stdout());
            JsonNode byPassword = doc.get("hosts").get(0);
            assertEquals("registered", byPassword.get("status").asText(), byPassword::toString);
            JsonNode noSudo = doc.get("hosts").get(1);
            assertEquals("failed", noSudo.get("status").asText(), noSudo::toString);
            assertEquals("prepare", noSudo.get("step").asText(), noSudo::toString);
            assertTrue(noSudo.get("error").asText().contains("sudo -n needs a password"), noSudo::toString);
            assertEquals(1, sandbox.state().get("registrations").asLong(), r::toString);
            assertFalse(r.all().contains(user.password()), "the SSH password leaked:\n" + r);
            String log = Files.readString(shared.resolve("sshd").resolve("sshd-0.log"));
            assertTrue(log.contains("Accepted password for " + user.name()), log);
        }
    }

    @Test
    void with_sudo_true_the_installer_runs_as_root_for_an_ordinary_user() throws Exception {
        Assumptions.assumeTrue(TestUser.sudoAvailable(), "skipped: sudo is not installed (apt-get install -y sudo;"
                + " .ci/run does it)");
        Path rootOnly = Files.createDirectory(dir.resolve("root-only"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (TestUser user = TestUser.create(loopback.sshd().clientPublicKey()).withPasswordlessSudo()) {
            Path hosts = dir.resolve("hosts.yaml");
            // The agent root in a folder only root may write: the fake installer fails unless it runs as root
            Files.writeString(hosts, "defaults: {identityFile: " + loopback.sshd().clientKey() + "}\nhosts:\n"
                    + "  - {address: " + loopback.sshd().addresses().get(0) + ", port: " + loopback.sshd().port(0) + ", user: " + user.name()
                    + ", hostname: auth-sudo, sudo: true, env: {CBAGENT_FAKE_HOSTNAME: auth-sudo, CBAGENT_FAKE_ROOT: "
                    + rootOnly.resolve("agent") + ", CBAGENT_AGENT_ROOT: " + rootOnly.resolve("agent") + "}}\n");
            JarRunner.Result r = fleet(hosts, Map.of());

            assertEquals(0, r.exitCode(), r::toString);
            assertEquals("registered", JSON.readTree(r.stdout()).get("hosts").get(0).get("status").asText(), r::toString);
            assertTrue(Files.exists(rootOnly.resolve("agent")), "the fake installer left no record as root");
        }
    }
}
