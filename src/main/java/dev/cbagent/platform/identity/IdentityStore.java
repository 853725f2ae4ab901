package dev.cbagent.platform.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Reads this machine's agent identity, and clears it for {@code registration.identity: reset}. */
public interface IdentityStore {
    /** Makes cbagent read the Linux agent's files under this folder instead of {@code /}. */
    String AGENT_ROOT = "CBAGENT_AGENT_ROOT";

    LocalAgent read();

    /** Removes {@code InstanceID} and {@code MMSCurrentMachineID}, keeping everything else. */
    void clear() throws IOException;

    /** The store for a platform: the registry on Windows, the configuration file elsewhere. */
    static IdentityStore forPlatform(String os, Map<String, String> environment) {
        if ("windows".equals(os)) {
            return new WindowsRegistryIdentity(new JnaRegistry());
        }
        String root = environment.get(AGENT_ROOT);
        return new LinuxAgentConfig(root == null || root.isBlank() ? Path.of("/") : Path.of(root));
    }
}
