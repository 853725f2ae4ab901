package dev.cbagent.doctor;

import dev.cbagent.error.ExitCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The temporary folder the installer unpacks into has room (warns below {@link #LOW}). */
final class DiskSpaceCheck implements Check {
    static final long LOW = 2L * 1024 * 1024 * 1024;
    private final Path folder;
    private final String source;

    DiskSpaceCheck(Path folder, String source) {
        this.folder = folder;
        this.source = source;
    }

    @Override
    public String name() {
        return "disk space";
    }

    @Override
    public ExitCode failureCode() {
        return ExitCode.INSTALLER_FAILED;
    }

    @Override
    public CheckResult run() {
        try {
            long free = Files.getFileStore(folder).getUsableSpace();
            String detail = gib(free) + " free in " + folder + " (" + source + ")";
            return free < LOW ? CheckResult.warn(name(), detail + "; the installer may need about 2 GiB")
                    : CheckResult.ok(name(), detail);
        } catch (IOException e) {
            return CheckResult.warn(name(), "cannot read the free space of " + folder + " (" + source + "): "
                    + e.getClass().getSimpleName());
        }
    }

    static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
