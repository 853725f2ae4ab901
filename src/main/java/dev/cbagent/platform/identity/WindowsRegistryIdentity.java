package dev.cbagent.platform.identity;

import java.util.Optional;

/** The Windows agent's identity: REG_SZ values under {@code HKLM\SOFTWARE\Acronis\BackupAndRecovery\Settings\MachineManager}. */
public final class WindowsRegistryIdentity implements IdentityStore {
    /** Under {@code HKEY_LOCAL_MACHINE}. */
    public static final String KEY = "SOFTWARE\\Acronis\\BackupAndRecovery\\Settings\\MachineManager";
    public static final String INSTANCE_ID = LinuxAgentConfig.INSTANCE_ID;
    public static final String AGENT_ID = LinuxAgentConfig.AGENT_ID;
    static final String SOURCE = "HKLM\\" + KEY;

    private final RegistryAccess registry;

    WindowsRegistryIdentity(RegistryAccess registry) {
        this.registry = registry;
    }

    @Override
    public LocalAgent read() {
        try {
            if (!registry.keyExists(KEY)) {
                return LocalAgent.notInstalled(SOURCE);
            }
            Optional<String> instance = registry.readString(KEY, LinuxAgentConfig.INSTANCE_ID).map(AgentIdentity::clean);
            String agent = registry.readString(KEY, LinuxAgentConfig.AGENT_ID).map(AgentIdentity::clean).orElse(null);
            String server = registry.readString(KEY, LinuxAgentConfig.SERVER).map(AgentIdentity::clean).orElse(null);
            if (instance.isEmpty()) {
                return new LocalAgent(LocalAgent.State.NO_IDENTITY, null, SOURCE, server, null);
            }
            return new LocalAgent(LocalAgent.State.IDENTIFIED, new AgentIdentity(instance.get(), agent), SOURCE, server,
                    null);
        } catch (RuntimeException | LinkageError e) {
            return LocalAgent.unreadable(SOURCE, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void clear() {
        registry.deleteValue(KEY, LinuxAgentConfig.INSTANCE_ID);
        registry.deleteValue(KEY, LinuxAgentConfig.AGENT_ID);
    }
}
