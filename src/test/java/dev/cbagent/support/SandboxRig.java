package dev.cbagent.support;

import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.sandbox.fake.AgentConfigFile;
import dev.cbagent.sandbox.fake.FakeTools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A black-box test bench: the sandbox management server in this JVM, the fake vendor tools, a profile for
 * {@code web-01} and the built jar run as a process; every output and log is searched for the secrets.
 */
public final class SandboxRig implements AutoCloseable {
    public static final String TOKEN = "reg-T0ken-7f3a91";
    public static final String API_PASSWORD = "api-Pa55-c0ffee";
    public static final String HOST = "web-01";

    private final Path dir;
    private final FakeTools.Launchers tools;
    private final Map<String, String> env;
    private SandboxServer server;

    public SandboxRig(Path dir) throws IOException {
        this.dir = dir;
        this.tools = FakeTools.install(dir.resolve("tools"),
                JarRunner.jar().toString());
        // The fakes keep the agent's identity under the agent root, where cbagent reads it.
        this.env = new HashMap<>(Map.of("CB_REG_TOKEN", TOKEN, "CB_API_PWD", API_PASSWORD,
                "CBAGENT_FAKE_HOSTNAME", HOST, "CBAGENT_FAKE_ROOT", agentRoot().toString(),
                "CBAGENT_AGENT_ROOT", agentRoot().toString(),
                "CBAGENT_LOG_DIR", dir.resolve("logs").toString(), "CBAGENT_SKIP_PRIVILEGE_CHECK", "1"));
    }

    /** Starts the sandbox with this rig's admin password and registration token. */
    public SandboxServer start(SandboxConfig config) {
        server = SandboxServer.start(config.withAdmin("api-admin", API_PASSWORD).withRegistrationTokens(Set.of(TOKEN)));
        return server;
    }

    public SandboxServer server() {
        return server;
    }

    public FakeTools.Launchers tools() {
        return tools;
    }

    /** The environment of the cbagent process (secrets and the fakes' knobs); tests may change it. */
    public Map<String, String> env() {
        return env;
    }

    public Path dir() {
        return dir;
    }

    /** The machine's agent root ({@code CBAGENT_AGENT_ROOT} and {@code CBAGENT_FAKE_ROOT}): its identity file is there. */
    public Path agentRoot() {
        return dir.resolve("root");
    }

    /** The machine's identity file under {@link #agentRoot()}, as the fake tools write it. */
    public AgentConfigFile identityFile() {
        return AgentConfigFile.under(agentRoot());
    }

    /** A Linux profile for web-01 at the sandbox (or {@code address}), with {@code extra} YAML appended. */
    public Path profile(String extra) throws IOException {
        return profile(server.baseUri().toString(), extra);
    }

    public Path profile(String address, String extra) throws IOException {
        return new LinuxProfile(tools.linuxInstaller(), "20s", address, tools.registerAgent())
                .write(dir.resolve("web-01.yaml"), "hostname: web-01\n  timeout: 4s\n" + extra);
    }

    /** Runs the jar; fails the test if a secret or a stack trace shows in its output. */
    public JarRunner.Result cbagent(String... args) {
        JarRunner.Result result = new JarRunner(dir, env).run(args);
        for (String secret : List.of(TOKEN, API_PASSWORD)) {
            assertFalse(result.all().contains(secret), () -> "secret leaked:\n" + result);
        }
        assertFalse(result.stderr().contains("Exception") || result.stderr().contains("\tat "), result::toString);
        return result;
    }

    /** Stops the sandbox and searches every tool log for the secrets. */
    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        Path logs = dir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(log);
                assertFalse(text.contains(TOKEN) || text.contains(API_PASSWORD), "secret in " + log + ":\n" + text);
            }
        }
    }
}
