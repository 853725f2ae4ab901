package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.Action;
import dev.cbagent.plan.Plan;
import dev.cbagent.plan.Step;

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
        for (Step step : plan.steps()) {
            if (!step.argv().secrets().isEmpty()) {
                err().println("cbagent: warning: " + step.name() + ": " + (step.action() == Action.INSTALL
                        ? "the installer takes its secrets on its command line here (installer.secretsVia: argv)"
                        : "the registration tool takes its secret on its command line by the vendor's design")
                        + ", so other local users can see it in ps while it runs");
            }
        }
        err().flush();
        if (output.json()) {
            ObjectNode doc = Envelope.of("plan", "planned", false, ExitCode.OK, (String) null);
            doc.setAll(Render.plan(plan));
            out().println(Json.write(doc));
        } else {
            Render.planText(plan, out());
        }
        out().flush();
        return 0;
    }
}
