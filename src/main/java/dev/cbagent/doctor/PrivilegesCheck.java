package dev.cbagent.doctor;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.platform.Platform;

/** This process may install software: root on Linux, an elevated Administrator on Windows. */
final class PrivilegesCheck implements Check {
    private final Platform platform;

    PrivilegesCheck(Platform platform) {
        this.platform = platform;
    }

    @Override
    public String name() {
        return "privileges";
    }

    @Override
    public ExitCode failureCode() {
        return ExitCode.INSTALLER_FAILED;
    }

    @Override
    public CheckResult run() {
        boolean windows = "windows".equals(platform.currentOs());
        try {
            if (platform.isPrivileged()) {
                return CheckResult.ok(name(), windows ? "running as an elevated Administrator" : "running as root");
            }
        } catch (CbagentException e) {
            return CheckResult.warn(name(), "cannot tell: " + e.getMessage());
        }
        return CheckResult.fail(name(), failureCode(), windows
                ? "not elevated: the installer and the registration tool need an Administrator (Run as administrator)"
                : "not root: the installer and the registration tool need root (run with sudo)");
    }
}
