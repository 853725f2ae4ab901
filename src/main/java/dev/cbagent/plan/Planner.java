package dev.cbagent.plan;

import dev.cbagent.profile.Finding;
import dev.cbagent.profile.ProfileException;
import dev.cbagent.profile.model.Profile;
import dev.cbagent.profile.model.Protection;
import dev.cbagent.profile.model.Registration;
import dev.cbagent.profile.model.Verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Builds the {@link Plan} of an action from a valid profile and its dialect. */
public final class Planner {
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(10);
    private final PlanInputs inputs;

    public Planner(PlanInputs inputs) {
        this.inputs = inputs;
    }

    /** A planner for this machine. */
    public Planner(Supplier<String> localHostname) {
        this(PlanInputs.thisMachine(localHostname));
    }

    public Plan plan(Profile p, Dialect dialect, Action action) {
        Step step = switch (action) {
            case INSTALL -> installStep(p, dialect);
            case REGISTER -> registerStep(p, dialect);
            case UNREGISTER -> unregisterStep(p, dialect);
        };
        Verification verification = verification(p);
        boolean confirmed = (action != Action.INSTALL || p.installRegisters()) && p.verify().apiUrl() != null;
        Plan.VerifyTarget verify = confirmed && verification.hostname() != null
                ? new Plan.VerifyTarget(p.verify().apiUrl(), verification.hostname()) : null;
        return new Plan(p.file(), p.platform() != null ? p.platform() : dialect.platform(),
                p.edition() != null ? p.edition() : "on-premise", action, List.of(step), verify,
                action == Action.UNREGISTER || !confirmed ? null : protection(p.protection()),
                identity(p.registration(), dialect), verification, p.secretValues());
    }

    /** {@code registration.identity} and the service restart that goes with a reset. */
    static IdentityPolicy identity(Registration r, Dialect dialect) {
        return IdentityPolicy.of(r.resetIdentity(),
                r.serviceRestart().isEmpty() ? dialect.serviceRestart() : List.of(r.serviceRestart()));
    }

    /** The {@code protection:} section as API steps; null when the profile has none. */
    static ProtectionPlan protection(Protection p) {
        if (p == null) {
            return null;
        }
        return new ProtectionPlan(p.group(), p.createGroup(), p.plan(), p.waitDeployed(), p.runNow(), p.runTimeout());
    }

    /** How a registration of this profile is proved, whatever the action: what {@code verify} and {@code status} need. */
    public Verification verification(Profile p) {
        Verify v = p.verify();
        List<Finding> missing = new ArrayList<>();
        for (String key : List.of("verify.apiUrl", "verify.login", "verify.password")) {
            boolean absent = switch (key) {
                case "verify.apiUrl" -> v.apiUrl() == null;
                case "verify.login" -> v.login() == null;
                default -> v.password() == null;
            };
            if (absent) {
                missing.add(Finding.error(p.at(key), key, "is needed to confirm the registration through the API "
                        + "(or run with --no-verify)"));
            }
        }
        String hostname = v.hostname() != null ? v.hostname()
                : inputs.localHostname() == null ? null : inputs.localHostname().get();
        return new Verification(ApiTarget.of(v), hostname,
                v.timeout(), v.requireOnline(), missing);
    }

    private Step installStep(Profile p, Dialect dialect) {
        if (!dialect.hasInstaller()) {
            throw refuse(p, "platform", dialect.platform() + " has no installer; use --action register");
        }
        String path = p.installer().path();
        if (path == null) {
            throw refuse(p, "installer", "installer.path is required to install");
        }
        Dialect.Tool tool = dialect.installer();
        List<Arg> args = new ArrayList<>();
        args.add(Arg.plain(path));
        tool.always().forEach(flag -> args.add(Arg.plain(flag)));
        List<Arg> options = OptionRenderer.render(tool.options(), tool.form(), p.byKeyPath());
        List<Arg> optionsFile = new ArrayList<>();
        boolean viaFile = (inputs.secretsOffCommandLine() && tool.optionsFileFlag() != null)
                || secretsVia(p, dialect).equals("options-file");
        for (Arg arg : options) {
            if (viaFile && arg.isSecret()) {
                optionsFile.add(arg);
            } else {
                args.add(arg);
            }
        }
                return new Step("install", Action.INSTALL, new Argv(args), optionsFile,
                optionsFile.isEmpty() ? null : tool.optionsFileFlag(), p.installer().timeout(), tool.rebootExitCodes());
    }

    /**
     * {@code installer.secretsVia}, or its default: {@code options-file} on Linux when the dialect has an options
     * file flag (so no secret shows in {@code ps}), else {@code argv}.
     */
    public static String secretsVia(Profile p, Dialect dialect) {
        boolean fileByDefault = dialect.platform().equals("linux") && dialect.hasInstaller()
                && dialect.installer().optionsFileFlag() != null;
        String written = p.installer().secretsVia();
        return written != null ? written : fileByDefault ? "options-file" : "argv";
    }

    private Step registerStep(Profile p, Dialect dialect) {
        Registration r = p.registration();
        if (r.skipped() || r.is("device-flow") || r.is("current-user")) {
            throw refuse(p, "registration.mode", "the registration tool cannot register with mode " + r.mode()
                    + " (it takes an address with a token, a login and password, or nothing)");
        }
        if (r.address() == null) {
            throw refuse(p, "registration.address", "is required to register");
        }
        return toolStep(p, dialect, Action.REGISTER, dialect.registerTool().register());
    }

    private Step unregisterStep(Profile p, Dialect dialect) {
        return toolStep(p, dialect, Action.UNREGISTER, dialect.registerTool().unregister());
    }

    private static Step toolStep(Profile p, Dialect dialect, Action action, List<OptionSpec> options) {
        Dialect.RegisterTool tool = dialect.registerTool();
        List<Arg> args = new ArrayList<>();
        String own = p.registration().toolPath();
        args.add(Arg.plain(own != null ? own : tool.path()));
        args.addAll(OptionRenderer.render(options, tool.form(), p.byKeyPath()));
        return new Step(action.label(), action, new Argv(args), List.of(), null, TOOL_TIMEOUT, List.of());
    }

    private static ProfileException refuse(Profile p, String key, String message) {
        return new ProfileException(List.of(Finding.error(p.at(key), key, message)));
    }
}
