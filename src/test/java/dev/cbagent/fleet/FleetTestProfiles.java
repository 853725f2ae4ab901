package dev.cbagent.fleet;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The profiles the fleet black-box tests enrol with: by token, at the sandbox. */
final class FleetTestProfiles {
    private FleetTestProfiles() {
    }

    static Path linux(Path dir, Path installer, URI sandbox) throws IOException {
        return write(dir.resolve("linux.yaml"), "linux", "  path: " + installer + "\n  timeout: 2m\n"
                + "components:\n  add: [BackupAndRecoveryAgent]", sandbox);
    }

    /** A Windows profile by token at the sandbox; {@code installer} is a Windows path (for dry runs). */
    static Path windows(Path dir, String installer, URI sandbox) throws IOException {
        return write(dir.resolve("windows.yaml"), "windows", "  path: '" + installer.replace("'", "''") + "'\n"
                + "  installationFiles: https://mgmt.example.ru/dl/", sandbox);
    }

    private static Path write(Path profile, String platform, String installer, URI sandbox) throws IOException {
        Files.writeString(profile, String.join("\n",
                "apiVersion: cbagent/v1",
                "kind: AgentProfile",
                "platform: " + platform,
                "installer:",
                installer,
                "registration:",
                "  mode: by-token",
                "  address: " + sandbox,
                "  token: ${env:CB_REG_TOKEN}",
                "verify:",
                "  login: admin",
                "  password: ${env:CB_API_PWD}",
                "  timeout: 30s", ""));
        return profile;
    }
}
