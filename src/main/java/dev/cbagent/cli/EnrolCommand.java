package dev.cbagent.cli;

import dev.cbagent.plan.Action;
import dev.cbagent.plan.Plan;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.workflow.EnrolOptions;
import dev.cbagent.workflow.EnrolResult;
import picocli.CommandLine.Option;

/** What install, register and unregister share: read the profile, plan, run the workflow, render. */
abstract class EnrolCommand extends ProfileCommand {
    private final Action action;

    @Option(names = "--dry-run", description = "Run nothing; show the plan and whether anything would change "
            + "(asks the API when the profile allows it).")
    boolean dryRun;

    @Option(names = "--force", description = "Act even when the API says there is nothing to do.")
    boolean force;

    @Option(names = "--no-verify", description = "Do not ask the API: run the tool and trust its exit code.")
    boolean noVerify;

    EnrolCommand(CliContext context, Action action) {
        super(context);
        this.action = action;
    }

    @Override
    public Integer call() {
        ProfileCheck.Checked checked = new ProfilePlanning(context).check(profile, null, err());
        Plan plan = context.planner().plan(checked.model(), checked.dialect(), action);
        EnrolResult result = context.workflow(err())
                .run(plan, new EnrolOptions(dryRun, !noVerify, force, context.checkPrivileges()));
        if (output.json()) {
            if (result.error() != null) {
                err().println("cbagent: error: " + result.error());
            }
            out().println(Json.write(EnrolRender.json(result)));
        } else {
            EnrolRender.text(result, out(), err());
        }
        out().flush();
        err().flush();
        return result.exitCode().code();
    }
}
