package dev.cbagent.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.platform.unix.LibC;
import com.sun.jna.platform.win32.Kernel32Util;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import java.nio.charset.StandardCharsets;

/**
 * The facts that need the operating system's own libraries, through JNA: Windows ({@code GetComputerName},
 * {@code IsUserAnAdmin}) and POSIX systems without {@code /proc} (libc {@code gethostname}/{@code geteuid}).
 * The only class of cbagent's platform facts that touches JNA, so Linux never loads it.
 */
final class JnaFacts {
    /** POSIX HOST_NAME_MAX is 255 on Linux; one more byte for the terminating NUL. */
    private static final int HOST_NAME_BUFFER = 256;

    private JnaFacts() {
    }

    static String hostname(boolean windows) {
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

    static boolean isPrivileged(boolean windows) {
        try {
            return windows ? WindowsShell32.load().IsUserAnAdmin() : LibC.INSTANCE.geteuid() == 0;
        } catch (LinkageError e) {
            throw new CbagentException(ExitCode.INTERNAL, "Cannot tell whether this process is privileged: "
                    + e.getMessage(), e);
        }
    }
}
