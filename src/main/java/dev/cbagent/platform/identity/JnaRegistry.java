package dev.cbagent.platform.identity;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinReg;

import java.util.Optional;

/** {@link RegistryAccess} through jna-platform's {@code Advapi32Util}; loaded only on Windows. */
final class JnaRegistry implements RegistryAccess {
    @Override
    public boolean keyExists(String key) {
        return Advapi32Util.registryKeyExists(WinReg.HKEY_LOCAL_MACHINE, key);
    }

    @Override
    public Optional<String> readString(String key, String value) {
        if (!Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, key, value)) {
            return Optional.empty();
        }
        return Optional.ofNullable(Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE, key, value));
    }

    @Override
    public void deleteValue(String key, String value) {
        if (Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, key, value)) {
            Advapi32Util.registryDeleteValue(WinReg.HKEY_LOCAL_MACHINE, key, value);
        }
    }
}
