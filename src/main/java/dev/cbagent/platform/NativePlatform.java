package dev.cbagent.platform;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@link Platform} as the operating system tells it. On Linux from {@code /proc} (the kernel's node name, which
 * {@code gethostname} returns, and the effective uid), so no native library is loaded; on Windows
 * ({@code GetComputerName}, {@code IsUserAnAdmin}) and POSIX systems without {@code /proc} (libc) through JNA,
 * loaded only when first asked.
 */
public final class NativePlatform implements Platform {
    private final boolean windows;
    private final ProcFacts proc;

    /** @param osName the {@code os.name} system property of the machine */
    public NativePlatform(String osName) {
        this(osName, Path.of("/"));
    }

    /** @param procRoot the folder holding {@code proc/} ({@code /} on a real machine) */
    NativePlatform(String osName, Path procRoot) {
        String os = osName.toLowerCase(Locale.ROOT);
        this.windows = os.startsWith("windows");
        this.proc = os.startsWith("linux") ? new ProcFacts(procRoot) : null;
    }

    @Override
    public String currentOs() {
        return windows ? "windows" : "linux";
    }

    @Override
    public String hostname() {
        return proc != null && proc.available() ? proc.hostname() : JnaFacts.hostname(windows);
    }

    @Override
    public boolean isPrivileged() {
        return proc != null && proc.available() ? proc.effectiveUid() == 0 : JnaFacts.isPrivileged(windows);
    }
}
