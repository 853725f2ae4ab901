package dev.cbagent.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.platform.unix.LibC;
import com.sun.jna.platform.win32.Kernel32Util;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@link Platform} through JNA: libc {@code gethostname}/{@code geteuid} on Linux and macOS,
 * {@code GetComputerName}/{@code IsUserAnAdmin} on Windows. Native libraries are loaded only when first asked.
 */
public final class NativePlatform implements Platform {
    /** POSIX HOST_NAME_MAX is 255 on Linux; one more byte for the terminating NUL. */
    private static final int HOST_NAME_BUFFER = 256;
    private final boolean windows;

    /** @param osName the {@code os.name} system property of the machine */
    public NativePlatform(String osName) {
        this.windows = osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    @Override
    public String currentOs() {
        return windows ? "windows" : "linux";
    }

    @Override
    public String hostname() {
        try {
            return windows ? Kernel32Util.getComputerName() : posixHostname();
        } catch (LinkageError | LastErrorException e) {
            throw new CbagentException(ExitCode.INTERNAL, "Cannot read this machine's name from the operating system: "
                    + e.getMessage(), e);
        }
    }

    private static String posixHostname() {
        byte[] buffer = new byte[HOST_NAME_BUFFER];
        int rc = LibC.INSTANCE.gethostname(buffer, buffer.length);
        if (rc != 0) {
            throw new CbagentException(ExitCode.INTERNAL,
                    "Cannot read this machine's name: gethostname failed with errno " + Native.getLastError() + ".");
        }
        return Native.toString(buffer, StandardCharsets.UTF_8.name());
    }

    @Override
    public boolean isPrivileged() {
        try {
            return windows ? WindowsShell32.load().IsUserAnAdmin() : LibC.INSTANCE.geteuid() == 0;
        } catch (LinkageError e) {
            throw new CbagentException(ExitCode.INTERNAL, "Cannot tell whether this process is privileged: "
                    + e.getMessage(), e);
        }
    }
}
