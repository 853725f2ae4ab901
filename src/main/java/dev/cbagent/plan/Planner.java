package dev.cbagent.plan;

import dev.cbagent.profile.Defaults;
import dev.cbagent.profile.Finding;
import dev.cbagent.profile.ProfileException;
import dev.cbagent.profile.ProfileValues;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Builds the {@link Plan} of an action from a valid profile and its dialect. */
public final class Planner {
    private final Supplier<String> localHostname;

    public Planner(Supplier<String> localHostname) {
        this.localHostname = localHostname;
    }

    public Plan plan(ProfileValues v, Dialect dialect, Action action) {
        Step step = switch (action) {
            case INSTALL -> installStep(v, dialect);
            case REGISTER -> registerStep(v, dialect);
            case UNREGISTER -> unregisterStep(v, dialect);
        };
        Plan.VerifyTarget verify = verifyTarget(v, action);
        return new Plan(v.file(), v.stringOr("platform", dialect.platform()), v.stringOr("edition", "on-premise"),
                action, List.of(step), verify, action == Action.UNREGISTER || verify == null ? null : protection(v),
                identity(v, dialect));
    }

    /** {@code registration.identity} and the service restart that goes with a reset. */
    static IdentityPolicy identity(ProfileValues v, Dialect dialect) {
        List<String> own = v.list("registration.serviceRestart");
        return IdentityPolicy.of(v.stringOr("registration.identity", "keep").equals("reset"),
                own.isEmpty() ? dialect.serviceRestart() : List.of(own));
    }

    /** The {@code protection:} section; null when the profile has none. */
    static ProtectionPlan protection(ProfileValues v) {
        if (!v.hasAnyUnder("protection")) {
            return null;
        }
        return new ProtectionPlan(v.string("protection.group").orElse(null), v.bool("protection.createGroup"),
                v.string("protection.plan").orElse(null), v.duration("protection.waitDeployed").orElse(null),
                v.bool("protection.runNow"), v.duration("protection.runTimeout").orElse(null));
    }

    private Plan.VerifyTarget verifyTarget(ProfileValues v, Action action) {
        boolean registers = action != Action.INSTALL
                || (action == Action.INSTALL && !v.stringOr("registration.mode", "").equals("skip")
                && !v.bool("installer.registerOnly"));
        if (!registers || !v.has("verify.apiUrl")) {
            return null;
        }
        return new Plan.VerifyTarget(v.string("verify.apiUrl").get(),
                v.string("verify.hostname").orElseGet(localHostname));
    }

    private Step installStep(ProfileValues v, Dialect dialect) {
        if (!dialect.hasInstaller()) {
            throw refuse(v, "platform", dialect.platform() + " has no installer; use --action register");
        }
        String path = v.string("installer.path")
                .orElseThrow(() -> refuse(v, "installer", "installer.path is required to install"));
        Dialect.Tool tool = dialect.installer();
        List<Arg> args = new ArrayList<>();
        args.add(Arg.plain(path));
        tool.always().forEach(flag -> args.add(Arg.plain(flag)));
        List<Arg> options = OptionRenderer.render(tool.options(), tool.form(), v);
        List<Arg> optionsFile = new ArrayList<>();
        boolean viaFile = secretsVia(v, dialect).equals("options-file");
        for (Arg arg : options) {
            if (viaFile && arg.isSecret()) {
                optionsFile.add(arg);
            } else {
                args.add(arg);
            }
        }
        Duration timeout = v.duration("installer.timeout").orElse(Defaults.INSTALLER_TIMEOUT);
        return new Step("install", Action.INSTALL, new Argv(args), optionsFile,
                optionsFile.isEmpty() ? null : tool.optionsFileFlag(), timeout, tool.rebootExitCodes());
    }

    /**
     * {@code installer.secretsVia}, or its default: {@code options-file} on Linux when the dialect has an options
     * file flag (so no secret shows in {@code ps}), else {@code argv}.
     */
    public static String secretsVia(ProfileValues v, Dialect dialect) {
        boolean fileByDefault = dialect.platform().equals("linux") && dialect.hasInstaller()
                && dialect.installer().optionsFileFlag() != null;
        return v.stringOr("installer.secretsVia", fileByDefault ? "options-file" : "argv");
    }

    private Step registerStep(ProfileValues v, Dialect dialect) {
        String mode = v.stringOr("registration.mode", "");
        if (mode.equals("skip") || mode.equals("device-flow") || mode.equals("current-user")) {
            throw refuse(v, "registration.mode", "the registration tool cannot register with mode " + mode
                    + " (it takes an address with a token, a login and password, or nothing)");
        }
        if (!v.has("registration.address")) {
            throw refuse(v, "registration.address", "is required to register");
        }
        return toolStep(v, dialect, Action.REGISTER, dialect.registerTool().register());
    }

    private Step unregisterStep(ProfileValues v, Dialect dialect) {
        return toolStep(v, dialect, Action.UNREGISTER, dialect.registerTool().unregister());
    }

    private static Step toolStep(ProfileValues v, Dialect dialect, Action action, List<OptionSpec> options) {
        Dialect.RegisterTool tool = dialect.registerTool();
        List<Arg> args = new ArrayList<>();
        args.add(Arg.plain(v.stringOr("registration.toolPath", tool.path())));
        args.addAll(OptionRenderer.render(options, tool.form(), v));
        Duration timeout = Duration.ofMinutes(10);
        return new Step(action.label(), action, new Argv(args), List.of(), null, timeout, List.of());
    }

    private static ProfileException refuse(ProfileValues v, String key, String message) {
        return new ProfileException(List.of(Finding.error(v.location(key), key, message)));
    }
}
