package dev.cbagent.support;

import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.sandbox.fake.FakeTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Base of black-box tests on a {@link SandboxRig}: one rig per test, closed (and searched for secrets) after it. */
public abstract class SandboxRigTest {
    protected static final String TOKEN = SandboxRig.TOKEN;
    protected static final String API_PASSWORD = SandboxRig.API_PASSWORD;
    protected static final String HOST = SandboxRig.HOST;

    @TempDir
    protected Path dir;
    protected SandboxRig rig;
    protected SandboxServer server;
    protected FakeTools.Launchers tools;
    protected Map<String, String> env;

    @BeforeEach
    void setUpRig() throws IOException {
        rig = new SandboxRig(dir);
        tools = rig.tools();
        env = rig.env();
    }

    @AfterEach
    void closeRig() throws IOException {
        rig.close();
    }

    protected void start(SandboxConfig config) {
        server = rig.start(config);
    }

    protected Path profile(String extra) throws IOException {
        return rig.profile(extra);
    }

    protected Path profile(String address, String extra) throws IOException {
        return rig.profile(address, extra);
    }

    protected JarRunner.Result cbagent(String... args) {
        return rig.cbagent(args);
    }
}
