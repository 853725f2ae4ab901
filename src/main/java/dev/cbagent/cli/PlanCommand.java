package dev.cbagent.cli;

import dev.cbagent.plan.Action;
import dev.cbagent.plan.Plan;
/** {@code cbagent plan}; its model (options, help): {@link CommandSpecs#plan}. */
final class PlanCommand extends ProfileCommand {
    String action;

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
