package dev.cbagent.fleet;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Linux profile the fleet black-box tests enrol with: the fake installer, by token, at the sandbox. */
final class FleetTestProfiles {
    private FleetTestProfiles() {
    }

    static Path linux(Path dir, Path installer, URI sandbox) throws IOException {
        Path profile = dir.resolve("linux.yaml");
        Files.writeString(profile, String.join("\n",
                "apiVersion: cbagent/v1",
                "kind: AgentProfile",
                "platform: linux",
                "installer:",
                "  path: " + installer,
                "  timeout: 2m",
                "components:",
                "  add: [BackupAndRecoveryAgent]",
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
