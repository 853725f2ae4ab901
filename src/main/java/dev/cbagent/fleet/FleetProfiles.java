package dev.cbagent.fleet;

import dev.cbagent.api.ApiConfig;
import dev.cbagent.api.TrustConfig;
import dev.cbagent.verify.VerifySettings;
import dev.cbagent.error.Redactor;
import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.plan.Action;
import dev.cbagent.plan.Plan;
import dev.cbagent.plan.Planner;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.plan.Step;
import dev.cbagent.profile.Finding;
import dev.cbagent.profile.ProfileException;
import dev.cbagent.profile.ProfileValues;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks every profile a host list uses (once each, with the host's platform) and plans each host's install,
 * before any host is touched: a bad profile stops the run with exit 2.
 */
public final class FleetProfiles {
    private final ProfileCheck check;
    private final Map<String, ProfileCheck.Checked> checked = new LinkedHashMap<>();
    private final List<Finding> warnings = new ArrayList<>();

    public FleetProfiles(ProfileCheck check) {
        this.check = check;
    }

    /** The plan of every host, keyed by {@link Host#label()}; throws {@link ProfileException} on any error. */
    Map<String, HostPlan> plan(List<Host> hosts, Path defaultProfile) {
        List<Finding> errors = new ArrayList<>();
        Map<String, HostPlan> plans = new LinkedHashMap<>();
        for (Host host : hosts) {
            Path profile = host.profile() != null ? host.profile() : defaultProfile;
            ProfileCheck.Checked c = checked(profile, host.platform(), errors);
            if (c == null) {
                continue;
            }
            try {
                plans.put(host.label(), planFor(c.values(), c));
            } catch (ProfileException e) {
                e.findings().stream().filter(Finding::isError).forEach(f -> { if (!errors.contains(f)) errors.add(f); });
            }
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

    private static HostPlan planFor(ProfileValues values, ProfileCheck.Checked c) {
        String platform = values.stringOr("platform", "linux");
        if (!platform.equals("linux")) {
            throw refuse(values, "platform", "fleet run installs Linux hosts over SSH; " + platform
                    + " hosts are not supported yet");
        }
        ProfileValues v = values;
        if (c.dialect().hasInstaller() && c.dialect().installer().optionsFileFlag() != null) {
            // Secrets never go on a remote command line: they travel in a 0600 options file.
            v = v.withValue("installer.secretsVia", "options-file", false);
        }
        Plan plan = new Planner(() -> "unused").plan(v, c.dialect(), Action.INSTALL);
        Step step = plan.steps().get(0);
        if (!step.argv().secrets().isEmpty()) {
            throw refuse(values, "installer", "this installer takes no options file, and fleet run never puts a "
                    + "secret on a remote command line");
        }
        Set<String> secrets = new LinkedHashSet<>(values.secretValues());
        secrets.addAll(step.secrets());
        return new HostPlan(step, Path.of(step.argv().program()), apiTarget(values), new Redactor(secrets),
                plan.protection(), plan.identity());
    }

    static ApiTarget apiTarget(ProfileValues v) {
        String url = v.string("verify.apiUrl").orElse(null);
        String login = v.text("verify.login").orElse(null);
        String password = v.text("verify.password").orElse(null);
        if (url == null || login == null || password == null) {
            throw refuse(v, "verify", "fleet run confirms every host through the management server API: the profile"
                    + " needs verify.apiUrl (or registration.address), verify.login and verify.password");
        }
        TrustConfig trust = TrustConfig.systemDefault();
        if (v.has("verify.caBundle")) {
            Path bundle = Path.of(v.string("verify.caBundle").get());
            Path dir = Path.of(v.file()).toAbsolutePath().getParent();
            trust = TrustConfig.caBundle(bundle.isAbsolute() || dir == null ? bundle : dir.resolve(bundle));
        } else if (v.has("verify.pinnedPublicKey")) {
            trust = TrustConfig.pinnedPublicKey(v.string("verify.pinnedPublicKey").get());
        } else if (v.bool("verify.insecure")) {
            trust = TrustConfig.insecure();
        }
        ApiConfig config = ApiConfig.of(URI.create(url), login, password).withTrust(trust)
                .withProxies(VerifySettings.proxiesOf(v, System.getenv()));
        return new ApiTarget(config, v.bool("verify.requireOnline"),
                v.duration("verify.timeout").orElse(Duration.ofMinutes(10)));
    }

    private static ProfileException refuse(ProfileValues v, String key, String message) {
        return new ProfileException(List.of(Finding.error(v.location(key), key, message)));
    }
}
