package dev.cbagent.cli;

import dev.cbagent.plan.Action;
import dev.cbagent.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Print the exact vendor command lines an action would run, with every secret as ******.",
                "Runs nothing.", ""})
final class PlanCommand extends ProfileCommand {
    @Option(names = "--action", paramLabel = "ACTION", defaultValue = "install",
            description = "install, register or unregister. Default: ${DEFAULT-VALUE}.")
    String action;

    @Mixin
    PlatformOption platformOption;

    PlanCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        String platform = platformOption.value();
        Action act = ActionOption.parse(spec.commandLine(), action);
        Plan plan = new ProfilePlanning(context).plan(profile, platform, act, err());
        if (output.json()) {
            out().println(Json.write(Render.plan(plan)));
        } else {
            Render.planText(plan, out());
        }
        out().flush();
        return 0;
    }
}
