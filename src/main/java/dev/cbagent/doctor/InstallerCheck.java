package dev.cbagent.doctor;

import dev.cbagent.error.ExitCode;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** {@code installer.path} names a readable file (executable too, for the Linux installer). */
final class InstallerCheck implements Check {
    private final String path;
    private final boolean mustBeExecutable;

    /** @param path the profile's {@code installer.path}, or null when it has none */
    InstallerCheck(String path, boolean mustBeExecutable) {
        this.path = path;
        this.mustBeExecutable = mustBeExecutable;
    }

    @Override
    public String name() {
        return "installer";
    }

    @Override
    public ExitCode failureCode() {
        return ExitCode.INSTALLER_FAILED;
    }

    @Override
    public CheckResult run() {
        if (path == null) {
            return CheckResult.ok(name(), "installer.path is not set (register and unregister need no installer)");
        }
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            return fail("installer.path " + path + " is not a valid path on this machine");
        }
        if (!Files.exists(file)) {
            return fail("installer.path " + path + " does not exist");
        }
        if (Files.isDirectory(file)) {
            return fail("installer.path " + path + " is a folder, not the installer");
        }
        if (!Files.isReadable(file)) {
            return fail("installer.path " + path + " is not readable by this user");
        }
        if (mustBeExecutable && !Files.isExecutable(file)) {
            return fail("installer.path " + path + " is not executable (chmod +x " + path + ")");
        }
        return CheckResult.ok(name(), path + " is present and readable (" + Hosts.bytes(size(file)) + ")");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private CheckResult fail(String detail) {
        return CheckResult.fail(name(), failureCode(), detail);
    }
}
