package dev.cbagent.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds an existing agent installation by the folders and files the vendor's installer leaves. All paths are
 * resolved under a root ({@code /} or the Windows system drive on a real machine, a temporary folder in tests).
 */
public final class InstallationProbe {
    private static final Map<String, List<List<String>>> EVIDENCE = Map.of(
            "linux", List.of(
                    List.of("usr", "lib", "Acronis", "BackupAndRecovery"),
                    List.of("usr", "lib", "Acronis", "RegisterAgentTool", "RegisterAgent")),
            "windows", List.of(
                    List.of("Program Files", "Acronis", "BackupAndRecovery")),
            "virtual-appliance", List.of(
                    List.of("bin", "register_agent")));

    private final Path root;

    public InstallationProbe(Path root) {
        this.root = root;
    }

    /** The probe for this machine: under {@code /}, or under the system drive ({@code C:\}) on Windows. */
    public static InstallationProbe forThisMachine(Platform platform) {
        if ("windows".equals(platform.currentOs())) {
            String drive = System.getenv().getOrDefault("SystemDrive", "C:");
            return new InstallationProbe(Path.of(drive + "\\"));
        }
        return new InstallationProbe(Path.of("/"));
    }

    /**
     * The first piece of evidence of an installation for {@code os} ({@code windows}, {@code linux} or
     * {@code virtual-appliance}), or empty when there is none.
     */
    public Optional<Path> find(String os) {
        List<List<String>> candidates = EVIDENCE.get(os);
        if (candidates == null) {
            throw new IllegalArgumentException("unknown platform " + os + "; expected one of " + EVIDENCE.keySet());
        }
        for (List<String> segments : candidates) {
            Path candidate = root;
            for (String segment : segments) {
                candidate = candidate.resolve(segment);
            }
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
