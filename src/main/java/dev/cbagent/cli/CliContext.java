package dev.cbagent.cli;

import dev.cbagent.api.ApiClient;
import dev.cbagent.exec.CommonsExecProcessRunner;
import dev.cbagent.exec.PlanExecutor;
import dev.cbagent.plan.DialectLoader;
import dev.cbagent.plan.Planner;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.platform.InstallationProbe;
import dev.cbagent.platform.Platform;
import dev.cbagent.profile.ProfileLoader;
import dev.cbagent.verify.RegistrationVerifier;
import dev.cbagent.workflow.EnrolWorkflow;

import java.io.PrintWriter;
import java.util.Map;

/** What commands need from the outside world, injected so tests can set it. */
public record CliContext(Map<String, String> environment, Platform platform) {
    /** Lets users rehearse with the sandbox's fake installer without root. */
    static final String SKIP_PRIVILEGE_CHECK = "CBAGENT_SKIP_PRIVILEGE_CHECK";

    public static CliContext system() {
        return new CliContext(System.getenv(), Platform.current());
    }

    public String currentPlatform() {
        return platform.currentOs();
    }

    public ProfileCheck profileCheck() {
        return new ProfileCheck(new ProfileLoader(environment, currentPlatform()), new DialectLoader());
    }

    public Planner planner() {
        return new Planner(platform::hostname);
    }

    /** Where to look for an installed agent: this machine, or the sandbox's fake root ({@code CBAGENT_FAKE_ROOT}). */
    InstallationProbe installationProbe() {
        String fakeRoot = environment.get("CBAGENT_FAKE_ROOT");
        return fakeRoot != null && !fakeRoot.isBlank() ? new InstallationProbe(java.nio.file.Path.of(fakeRoot))
                : InstallationProbe.forThisMachine(platform);
    }

    boolean checkPrivileges() {
        return !"1".equals(environment.get(SKIP_PRIVILEGE_CHECK));
    }

    java.nio.file.Path logDir() {
        return PlanExecutor.defaultLogDir(environment, platform.isPrivileged(), "windows".equals(currentPlatform()));
    }

    EnrolWorkflow workflow(PrintWriter talk) {
        PlanExecutor executor = new PlanExecutor(new CommonsExecProcessRunner(), logDir());
        return new EnrolWorkflow(executor, ApiClient::new, RegistrationVerifier::new, platform::isPrivileged,
                installationProbe()::find, talk);
    }
}
