package dev.cbagent.doctor;

import dev.cbagent.error.ExitCode;
import dev.cbagent.platform.InstallationProbe;

import java.nio.file.Path;
import java.util.Optional;

/** Whether an agent is already installed here; informs, and warns when register would have nothing to register. */
final class InstallationCheck implements Check {
    private final InstallationProbe probe;
    private final String platform;
    private final boolean hasInstaller;

    InstallationCheck(InstallationProbe probe, String platform, boolean hasInstaller) {
        this.probe = probe;
        this.platform = platform;
        this.hasInstaller = hasInstaller;
    }

    @Override
    public String name() {
        return "installation";
    }

    @Override
    public ExitCode failureCode() {
        return ExitCode.INSTALLER_FAILED;
    }

    @Override
    public CheckResult run() {
        Optional<Path> evidence;
        try {
            evidence = probe.find(platform);
        } catch (IllegalArgumentException e) {
            return CheckResult.warn(name(), "cannot look for an installation: " + e.getMessage());
        }
        if (evidence.isPresent()) {
            return CheckResult.ok(name(), "an agent is already installed (found " + evidence.get()
                    + "); install and register check its registration first");
        }
        if (!hasInstaller) {
            return CheckResult.warn(name(), "no agent is installed and installer.path is not set: "
                    + "register needs an installed agent");
        }
        return CheckResult.ok(name(), "no agent installed yet");
    }
}
