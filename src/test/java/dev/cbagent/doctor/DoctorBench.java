package dev.cbagent.doctor;

import dev.cbagent.platform.InstallationProbe;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.support.ProfileFixture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;

/**
 * What a doctor test needs: a temporary machine (installer file, install root, temp folder), a listening stand-in
 * for the zmq port, and profiles pointing at a sandbox.
 */
final class DoctorBench implements AutoCloseable {
    static final String LOGIN = "api-admin";
    private final Path dir;
    private final ProfileFixture profiles;
    private final ServerSocket zmq;
    final Path installer;

    DoctorBench(Path dir) {
        try {
            this.dir = dir;
            this.profiles = new ProfileFixture(dir);
            this.zmq = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.installer = Files.createFile(dir.resolve("CyberBackup_AgentForLinux_x86_64.bin"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectories(dir.resolve("root"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DoctorEnvironment environment(boolean root) {
        return new DoctorEnvironment(new FakePlatform(root), new InstallationProbe(dir.resolve("root")), dir,
                Clock.systemUTC());
    }

    DoctorSettings settings() {
        return new DoctorSettings(Duration.ofSeconds(2), zmq.getLocalPort());
    }

    DoctorReport examine(String yaml) {
        return examine(yaml, true);
    }

    DoctorReport examine(String yaml, boolean root) {
        Path file = profiles.write("profile.yaml", ProfileFixture.HEADER + yaml);
        return new Doctor(environment(root), settings()).examine(profiles.check(file, null));
    }

    /** A valid Linux profile registering with {@code address}; {@code verifyExtra} adds lines under verify:. */
    String profile(String address, String verifyExtra) {
        return "edition: on-premise\nplatform: linux\n"
                + "installer:\n  path: " + installer + "\n"
                + "components:\n  add: [BackupAndRecoveryAgent]\n"
                + "registration:\n  mode: by-token\n  address: " + address + "\n  token: ${env:CB_REG_TOKEN}\n"
                + "verify:\n  login: " + LOGIN + "\n  password: ${env:CB_API_PWD}\n" + verifyExtra;
    }

    String profile(SandboxServer server) {
        return profile(server.baseUri().toString(), "");
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() throws IOException {
        zmq.close();
    }
}
