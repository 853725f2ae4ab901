package dev.cbagent.fleet;

import dev.cbagent.api.ApiConfig;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.plan.Action;
import dev.cbagent.plan.Plan;
import dev.cbagent.plan.PlanInputs;
import dev.cbagent.plan.Planner;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.plan.Step;
import dev.cbagent.plan.Verification;
import dev.cbagent.profile.Finding;
import dev.cbagent.profile.ProfileException;
import dev.cbagent.profile.model.Profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every profile a host list uses (once each, with the host's platform) and plans each host's install,
 * before any host is touched: a bad profile stops the run with exit 2. A plan depends on the profile and the
 * platform the host list gives, nothing else of the host, so it is made once per such pair and shared by its
 * hosts (10,000 hosts of one profile cost one plan, one redactor and one API target).
 */
public final class FleetProfiles {
    private final ProfileCheck check;
    private final Map<String, ProfileCheck.Checked> checked = new LinkedHashMap<>();
    /** Empty: the profile or its plan has errors (collected when it was first planned). */
    private final Map<Use, Optional<HostPlan>> planned = new HashMap<>();
    private final List<Finding> warnings = new ArrayList<>();

    public FleetProfiles(ProfileCheck check) {
        this.check = check;
    }

    /** The plan of every host, keyed by {@link Host#label()}; throws {@link ProfileException} on any error. */
    Map<String, HostPlan> plan(List<Host> hosts, Path defaultProfile) {
        List<Finding> errors = new ArrayList<>();
        Map<String, HostPlan> plans = new LinkedHashMap<>();
        for (Host host : hosts) {
            Use use = new Use(host.profile() != null ? host.profile() : defaultProfile, host.platform());
            Optional<HostPlan> plan = planned.computeIfAbsent(use, u -> planned(u, errors));
            if (plan.isEmpty()) {
                continue;
            }
            if (plan.get().shell() == RemoteShell.POWERSHELL && host.sudo()) {
                throw new CbagentException(ExitCode.INVALID_INPUT, "host " + host.label() + " (line " + host.line()
                        + " of the host list): sudo is for Linux hosts; a Windows host runs the installer as its "
                        + "SSH user, who must be an administrator");
            }
            plans.put(host.label(), plan.get());
        }
        if (!errors.isEmpty()) {
            throw new ProfileException(errors);
        }
        return plans;
    }

    /** Warnings of the profiles read, each once. */
    public List<Finding> warnings() {
        return List.copyOf(warnings);
    }

    /** A profile as a host list names it, with the platform the list gives its host (null: the profile's own). */
    private record Use(Path profile, String platform) {
    }

    private Optional<HostPlan> planned(Use use, List<Finding> errors) {
        ProfileCheck.Checked c = checked(use.profile(), use.platform(), errors);
        if (c == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(planFor(c));
        } catch (ProfileException e) {
            e.findings().stream().filter(Finding::isError).forEach(f -> { if (!errors.contains(f)) errors.add(f); });
            return Optional.empty();
        }
    }

    private ProfileCheck.Checked checked(Path profile, String platform, List<Finding> errors) {
        String key = profile.toAbsolutePath().normalize() + "|" + platform;
        if (checked.containsKey(key)) {
            return checked.get(key);
        }
        ProfileCheck.Checked c = check.check(profile, platform);
        for (Finding f : c.findings()) {
            (f.isError() ? errors : warnings).add(f);
        }
        ProfileCheck.Checked usable = c.hasErrors() ? null : c;
        checked.put(key, usable);
        return usable;
    }

    private static HostPlan planFor(ProfileCheck.Checked c) {
        Profile profile = c.model();
        if (!"linux".equals(profile.platform()) && !"windows".equals(profile.platform())) {
            throw refuse(profile, "platform", "fleet run installs Linux and Windows hosts over SSH; "
                    + profile.platform() + " hosts are not supported");
        }
        RemoteShell shell = RemoteShell.forPlatform(profile.platform());
        Plan plan = new Planner(PlanInputs.remoteHosts()).plan(profile, c.dialect(), Action.INSTALL);
        Step step = plan.steps().get(0);
        // PowerShell gets the installer's arguments on stdin; sh only ever gets them through the options file.
        if (shell == RemoteShell.POSIX && !step.argv().secrets().isEmpty()) {
            throw refuse(profile, "installer", "this installer takes no options file, and fleet run never puts a "
                    + "secret on a remote command line");
        }
        return new HostPlan(step, Path.of(step.argv().program()), apiTarget(plan.verification(), profile),
                plan.redactor().plus(step.secrets()), plan.protection(), plan.identity(), shell);
    }

    static ApiTarget apiTarget(Verification verification, Profile profile) {
        if (!verification.isConfigured()) {
            throw refuse(profile, "verify", "fleet run confirms every host through the management server API: the "
                    + "profile needs verify.apiUrl (or registration.address), verify.login and verify.password");
        }
        dev.cbagent.plan.ApiTarget api = verification.api();
        ApiConfig config = ApiConfig.of(api.url(), api.login(), api.password().reveal()).withTrust(api.trust())
                .withProxies(api.proxies(System.getenv()));
        return new ApiTarget(config, verification.requireOnline(), verification.timeout());
    }

    private static ProfileException refuse(Profile profile, String key, String message) {
        return new ProfileException(List.of(Finding.error(profile.at(key), key, message)));
    }
}
