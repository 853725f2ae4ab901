package dev.cbagent.platform.identity;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WindowsRegistryIdentityTest {
    /** An in-memory HKEY_LOCAL_MACHINE. */
    static class FakeRegistry implements RegistryAccess {
        final Set<String> keys = new HashSet<>();
        final Map<String, String> values = new HashMap<>();

        @Override
        public boolean keyExists(String key) {
            return keys.contains(key);
        }

        @Override
        public Optional<String> readString(String key, String value) {
            return Optional.ofNullable(values.get(key + "|" + value));
        }

        @Override
        public void deleteValue(String key, String value) {
            values.remove(key + "|" + value);
        }
    }

    @Test
    void the_key_and_value_names_are_the_products() {
        assertEquals("SOFTWARE\\Acronis\\BackupAndRecovery\\Settings\\MachineManager", WindowsRegistryIdentity.KEY);
        assertEquals("InstanceID", LinuxAgentConfig.INSTANCE_ID);
        assertEquals("MMSCurrentMachineID", LinuxAgentConfig.AGENT_ID);
        assertEquals("HKLM\\SOFTWARE\\Acronis\\BackupAndRecovery\\Settings\\MachineManager", WindowsRegistryIdentity.SOURCE);
    }

    @Test
    void reads_both_ids_and_clear_deletes_them() {
        FakeRegistry registry = new FakeRegistry();
        String key = WindowsRegistryIdentity.KEY;
        registry.keys.add(key);
        registry.values.put(key + "|InstanceID", "{5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F}");
        registry.values.put(key + "|MMSCurrentMachineID", "8F3B2C1D-7A6E-4F5D-8C9B-0A1B2C3D4E5F");
        WindowsRegistryIdentity store = new WindowsRegistryIdentity(registry);
        LocalAgent agent = store.read();
        assertEquals(LocalAgent.State.IDENTIFIED, agent.state());
        assertEquals("5C6A1E2B-0E7B-4A4E-9D61-3B0F1C2D4E5F", agent.identity().instanceId());
        assertEquals("8F3B2C1D-7A6E-4F5D-8C9B-0A1B2C3D4E5F", agent.identity().agentId());
        store.clear();
        assertEquals(LocalAgent.State.NO_IDENTITY, store.read().state());
    }

    @Test
    void no_key_is_no_agent_and_a_failing_registry_is_unreadable() {
        FakeRegistry registry = new FakeRegistry();
        assertEquals(LocalAgent.State.NOT_INSTALLED, new WindowsRegistryIdentity(registry).read().state());
        RegistryAccess broken = new FakeRegistry() {
            @Override
            public boolean keyExists(String key) {
                throw new IllegalStateException("Access is denied.");
            }
        };
        LocalAgent agent = new WindowsRegistryIdentity(broken).read();
        assertEquals(LocalAgent.State.UNREADABLE, agent.state());
        assertEquals("Access is denied.", agent.problem());
    }
}
