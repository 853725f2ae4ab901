package dev.cbagent.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Linux profile at a sandbox, registering by token: the secrets come from {@code CB_REG_TOKEN} and
 * {@code CB_API_PWD}, the API login is {@code api-admin}.
 */
public record LinuxProfile(Path installer, String installerTimeout, String address, Path registerTool) {
    /**
     * Writes the profile to {@code file}; {@code verify} is the rest of its verify section, its first line written
     * after the section's indent (later lines bring their own), so it may go on with top-level YAML.
     */
    public Path write(Path file, String verify) throws IOException {
        Files.writeString(file, """
                platform: linux
                installer:
                  path: %s
                  timeout: %s
                components: {add: [BackupAndRecoveryAgent]}
                registration:
                  address: %s
                  token: ${env:CB_REG_TOKEN}
                  toolPath: %s
                verify:
                  login: api-admin
                  password: ${env:CB_API_PWD}
                  %s""".formatted(installer, installerTimeout, address, registerTool, verify));
        return file;
    }
}
