package dev.cbagent.sandbox.fake;

import java.io.IOException;
import java.nio.file.Path;

/** Writes launchers for the fake vendor tools, named like the real ones. */
public final class FakeTools {
    public static final String LINUX_INSTALLER = "CyberBackup_AgentForLinux_x86_64.bin";
    public static final String REGISTER_AGENT = "RegisterAgent";

    private FakeTools() {
    }

    /** The launchers written by {@link #install(Path, String)}. */
    public record Launchers(Path linuxInstaller, Path registerAgent) {
    }

    /**
     * Writes executable launchers for the fake Linux installer and register tool into {@code dir} (created if
     * needed). {@code javaClasspath} must hold cbagent's classes and its dependencies, e.g.
     * {@code System.getProperty("java.class.path")} or the shaded jar.
     */
    public static Launchers install(Path dir, String javaClasspath) throws IOException {
        LauncherScript launcher = new LauncherScript(LauncherScript.currentJava(), javaClasspath);
        return new Launchers(
                launcher.write(dir.resolve(LINUX_INSTALLER), FakeLinuxInstaller.class),
                launcher.write(dir.resolve(REGISTER_AGENT), FakeRegisterAgent.class));
    }
}
