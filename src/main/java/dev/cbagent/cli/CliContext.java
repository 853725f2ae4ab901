package dev.cbagent.cli;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.ApiConfig;
import dev.cbagent.api.Sleeper;
import dev.cbagent.api.WaitProgress;
import dev.cbagent.exec.CommonsExecProcessRunner;
import dev.cbagent.exec.PlanExecutor;
import dev.cbagent.plan.DialectLoader;
import dev.cbagent.plan.Planner;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.platform.InstallationProbe;
import dev.cbagent.platform.Platform;
import dev.cbagent.profile.ProfileLoader;
import dev.cbagent.platform.identity.IdentityStore;
import dev.cbagent.verify.MachineFinder;
import dev.cbagent.verify.PollSettings;
import dev.cbagent.verify.ThisMachine;
import dev.cbagent.workflow.EnrolWorkflow;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
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

    /** {@link #profileCheck()} that checks secret references as written and reads none of them. */
    ProfileCheck profileCheckWithoutSecrets() {
        return new ProfileCheck(new ProfileLoader(environment, currentPlatform()).withoutSecrets(), new DialectLoader());
    }

    public Planner planner() {
        return new Planner(platform::hostname);
    }

    /**
     * Where to look for an installed agent: this machine, or the folder {@code CBAGENT_AGENT_ROOT} (else the
     * sandbox's fake root, {@code CBAGENT_FAKE_ROOT}) stands for.
     */
    InstallationProbe installationProbe() {
        for (String variable : List.of(IdentityStore.AGENT_ROOT, "CBAGENT_FAKE_ROOT")) {
            String root = environment.get(variable);
            if (root != null && !root.isBlank()) {
                return new InstallationProbe(java.nio.file.Path.of(root));
            }
        }
        return InstallationProbe.forThisMachine(platform);
    }

    /** This machine's agent identity for a platform (the registry on Windows; files under CBAGENT_AGENT_ROOT). */
    public IdentityStore identity(String os) {
        return IdentityStore.forPlatform("windows".equals(currentPlatform()) ? "windows" : os, environment);
    }

    boolean checkPrivileges() {
        return !"1".equals(environment.get(SKIP_PRIVILEGE_CHECK));
    }

    /**
     * Whether a person is probably watching stderr: Java 17 cannot ask about stderr itself, and a console means
     * stdin and stdout are a terminal; under CI, Ansible or cron there is none.
     */
    boolean terminal() {
        return System.console() != null;
    }

    java.nio.file.Path logDir() {
        return PlanExecutor.defaultLogDir(environment, platform.isPrivileged(), "windows".equals(currentPlatform()));
    }

    /** The client every command talks to the management server with. */
    ApiClient api(ApiConfig config) {
        return new ApiClient(config);
    }

    /** This machine as the server behind {@code api} knows it, polled at the standard pace. */
    ThisMachine thisMachine(ApiClient api, String host, WaitProgress progress) {
        return new ThisMachine(new MachineFinder(api, PollSettings.standard()), host, Clock.systemUTC(), Sleeper.system(),
                PollSettings.standard(), progress);
    }

    EnrolWorkflow workflow(PrintWriter talk) {
        PlanExecutor executor = new PlanExecutor(new CommonsExecProcessRunner(), logDir());
        return new EnrolWorkflow(executor, this::api, api -> new MachineFinder(api, PollSettings.standard()),
                platform::isPrivileged, installationProbe()::find, this::identity, talk,
                WaitProgress.to(talk, terminal()));
    }
}
