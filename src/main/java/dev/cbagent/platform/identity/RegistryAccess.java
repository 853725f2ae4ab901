package dev.cbagent.platform.identity;

import java.util.Optional;

/** The few registry operations the Windows identity needs, under {@code HKEY_LOCAL_MACHINE}. */
interface RegistryAccess {
    boolean keyExists(String key);

    /** A REG_SZ value; empty when the key or the value is absent. */
    Optional<String> readString(String key, String value);

    /** Deletes a value; nothing happens when it is absent. */
    void deleteValue(String key, String value);
}
