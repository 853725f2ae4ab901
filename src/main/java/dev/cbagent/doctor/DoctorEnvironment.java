package dev.cbagent.doctor;

import dev.cbagent.platform.InstallationProbe;
import dev.cbagent.platform.Platform;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * The machine the doctor examines, injected so tests can stand in for it.
 *
 * @param platform      privileges and OS
 * @param installations where an existing agent would be found
 * @param tempDir       the default temporary folder (the installer unpacks there unless installer.tmpDir says otherwise)
 * @param clock         for certificate expiry
 * @param variables     the environment (its {@code https_proxy}, {@code no_proxy}, ...)
 */
public record DoctorEnvironment(Platform platform, InstallationProbe installations, Path tempDir, Clock clock,
                                Map<String, String> variables) {
    public DoctorEnvironment {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(installations, "installations");
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(clock, "clock");
        variables = Map.copyOf(variables);
    }

    public DoctorEnvironment(Platform platform, InstallationProbe installations, Path tempDir, Clock clock) {
        this(platform, installations, tempDir, clock, System.getenv());
    }

    public static DoctorEnvironment system() {
        Platform platform = Platform.current();
        return new DoctorEnvironment(platform, InstallationProbe.forThisMachine(platform),
                Path.of(System.getProperty("java.io.tmpdir")), Clock.systemUTC());
    }
}
