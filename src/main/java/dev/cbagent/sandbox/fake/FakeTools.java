package dev.cbagent.sandbox.fake;

import java.io.IOException;
import java.nio.file.Path;

/** Writes launchers for the fake vendor tools, named like the real ones. */
public final class FakeTools {
    public static final String LINUX_INSTALLER = "CyberBackup_AgentForLinux_x86_64.bin";
    public static final String REGISTER_AGENT = "RegisterAgent";
    /** The service manager's name; the fake accepts only {@code restart acronis_mms}. */
    public static final String SERVICE_RESTART = "systemctl";

    private FakeTools() {
    }

    /**
     * The launchers written by {@link #install(Path, String)}.
     *
     * @param serviceRestart a {@code systemctl} stand-in for {@code registration.serviceRestart:
     *                       [<path>, restart, acronis_mms]}
     */
    public record Launchers(Path linuxInstaller, Path registerAgent, Path serviceRestart) {
    }

    /**
     * Writes executable launchers for the fake Linux installer, register tool and service restart into {@code dir}
     * (created if needed). {@code javaClasspath} must hold cbagent's classes and its dependencies, e.g.
     * {@code System.getProperty("java.class.path")} or the shaded jar.
     */
    public static Launchers install(Path dir, String javaClasspath) throws IOException {
        LauncherScript launcher = new LauncherScript(LauncherScript.currentJava(), javaClasspath);
        return new Launchers(
                launcher.write(dir.resolve(LINUX_INSTALLER), FakeLinuxInstaller.class),
                launcher.write(dir.resolve(REGISTER_AGENT), FakeRegisterAgent.class),
                launcher.write(dir.resolve(SERVICE_RESTART), FakeServiceRestart.class));
    }
}
