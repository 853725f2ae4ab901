package dev.cbagent.fleet;

import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.fake.FakeTools;
import dev.cbagent.support.JarRunner;
import dev.cbagent.support.LoopbackSshd;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The hosts the black-box fleet tests enrol: one loopback OpenSSH server per host and the sandbox's fake tools,
 * started once per test class, plus the host lists, command lines and checks those tests share.
 */
final class LoopbackFleet implements AutoCloseable {
    static final String TOKEN = SandboxConfig.DEFAULT_TOKEN;
    static final String API_PASSWORD = SandboxConfig.DEFAULT_PASSWORD;
    /** The environment the test profile's secret references read. */
    static final Map<String, String> SECRETS = Map.of("CB_REG_TOKEN", TOKEN, "CB_API_PWD", API_PASSWORD);

    private final LoopbackSshd sshd;
    private final FakeTools.Launchers fakes;

    private LoopbackFleet(LoopbackSshd sshd, FakeTools.Launchers fakes) {
        this.sshd = sshd;
        this.fakes = fakes;
    }

    /** {@code hosts} loopback hosts under {@code shared} (skips the test class without OpenSSH's sshd). */
    static LoopbackFleet start(Path shared, int hosts) throws Exception {
        Assumptions.assumeTrue(LoopbackSshd.available(), "skipped: /usr/sbin/sshd is not installed "
                + "(apt-get install -y openssh-server; .ci/run does it)");
        return start(shared, LoopbackSshd.start(shared.resolve("sshd"), hosts));
    }

    /** As {@link #start(Path, int)}, the hosts also taking password logins. */
    static LoopbackFleet startWithPasswords(Path shared, int hosts) throws Exception {
        return start(shared, LoopbackSshd.start(shared.resolve("sshd"), hosts, true));
    }

    private static LoopbackFleet start(Path shared, LoopbackSshd sshd) throws IOException {
        try {
            return new LoopbackFleet(sshd, FakeTools.install(shared.resolve("tools"), JarRunner.jar().toString()));
        } catch (IOException | RuntimeException e) {
            sshd.close();
            throw e;
        }
    }

    static void stop(LoopbackFleet fleet) {
        if (fleet != null) {
            fleet.close();
        }
    }

    LoopbackSshd sshd() {
        return sshd;
    }

    FakeTools.Launchers fakes() {
        return fakes;
    }

    Path installer() {
        return fakes.linuxInstaller();
    }

    static String hostname(int i) {
        return String.format("node-%03d", i + 1);
    }

    /** Where host {@code i}'s fake agent keeps its identity, so that a second run finds it. */
    static Path agentRoot(Path dir, int i) {
        return dir.resolve("agents").resolve(hostname(i));
    }

    /** The first {@code n} hosts as {@code dir/hosts.yaml}; {@code extraEnv} adds env entries by index. */
    Path yamlHostList(Path dir, int n, Map<Integer, String> extraEnv) throws IOException {
        StringBuilder yaml = new StringBuilder("defaults:\n  user: root\n  identityFile: " + sshd.clientKey() + "\nhosts:\n");
        for (int i = 0; i < n; i++) {
            yaml.append("  - address: ").append(sshd.addresses().get(i)).append('\n')
                    .append("    port: ").append(sshd.port(i)).append('\n')
                    .append("    hostname: ").append(hostname(i)).append('\n')
                    .append("    env: {CBAGENT_FAKE_HOSTNAME: ").append(hostname(i))
                    .append(", CBAGENT_AGENT_ROOT: ").append(agentRoot(dir, i))
                    .append(extraEnv.containsKey(i) ? ", " + extraEnv.get(i) : "").append("}\n");
        }
        Path file = dir.resolve("hosts.yaml");
        Files.writeString(file, yaml.toString());
        return file;
    }

    /** {@code fleet run} of these hosts with this profile, trusting the loopback hosts' keys, then {@code more}. */
    List<String> runArgs(Path profile, Path hosts, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("fleet", "run", "--hosts", hosts.toString(), "--profile",
                profile.toString(), "--known-hosts", sshd.knownHosts().toString()));
        args.addAll(List.of(more));
        return args;
    }

    /** Starts the jar in {@code dir} with these arguments, its stdout and stderr going to {@code NAME.out/.err}. */
    static Process startJar(Path dir, Map<String, String> env, List<String> args, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JarRunner.jar().toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    static void assertNoSecrets(String what, String text) {
        assertFalse(text.contains(TOKEN), () -> "the registration token leaked into " + what + ":\n" + text);
        assertFalse(text.contains(API_PASSWORD), () -> "the API password leaked into " + what + ":\n" + text);
    }

    /** Journal lines of this event; 0 when there is no journal. */
    static long countEvents(Path journal, String event) throws IOException {
        if (!Files.exists(journal)) {
            return 0;
        }
        return Files.readAllLines(journal, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("\"event\":\"" + event + "\"")).count();
    }

    /** The file's text, or what kept it from being read (for assertion messages). */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    @Override
    public void close() {
        sshd.close();
    }
}
