package dev.cbagent.cli;

import dev.cbagent.plan.Action;
import dev.cbagent.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Print the exact vendor command lines an action would run, with every secret as ******.",
                "Runs nothing.", ""})
final class PlanCommand implements Callable<Integer>, HasOutput {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "PROFILE", description = "Profile file (YAML).")
    Path profile;

    @Option(names = "--action", paramLabel = "ACTION", defaultValue = "install",
            description = "install, register or unregister. Default: ${DEFAULT-VALUE}.")
    String action;

    @Mixin
    PlatformOption platformOption;

    PlanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public OutputOptions outputOptions() {
        return output;
    }

    @Override
    public Integer call() {
        String platform = platformOption.value();
        Action act = ActionOption.parse(spec.commandLine(), action);
        Plan plan = new ProfilePlanning(context).plan(profile, platform, act, spec.commandLine().getErr());
        if (output.json()) {
            spec.commandLine().getOut().println(Json.write(Render.plan(plan)));
        } else {
            Render.planText(plan, spec.commandLine().getOut());
        }
        return 0;
    }
}
