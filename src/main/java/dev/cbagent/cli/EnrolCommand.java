package dev.cbagent.cli;

import dev.cbagent.plan.Action;
import dev.cbagent.plan.Plan;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.workflow.EnrolOptions;
import dev.cbagent.workflow.EnrolResult;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** What install, register and unregister share: read the profile, plan, run the workflow, render. */
abstract class EnrolCommand implements Callable<Integer>, HasOutput {
    private final CliContext context;
    private final Action action;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "PROFILE", description = "Profile file (YAML).")
    Path profile;

    @Option(names = "--dry-run", description = "Run nothing; show the plan and whether anything would change "
            + "(asks the API when the profile allows it).")
    boolean dryRun;

    @Option(names = "--force", description = "Act even when the API says there is nothing to do.")
    boolean force;

    EnrolCommand(CliContext context, Action action) {
        this.context = context;
        this.action = action;
    }

    /** Whether this command confirms the result through the API. */
    abstract boolean verify();

    @Override
    public OutputOptions outputOptions() {
        return output;
    }

    @Override
    public Integer call() {
        ProfilePlanning planning = new ProfilePlanning(context);
        ProfileCheck.Checked checked = planning.check(profile, null, spec.commandLine().getErr());
        Plan plan = context.planner().plan(checked.values(), checked.dialect(), action);
        EnrolResult result = context.workflow(spec.commandLine().getErr())
                .run(plan, checked.values(), new EnrolOptions(dryRun, verify(), force, context.checkPrivileges()));
        if (output.json()) {
            if (result.error() != null) {
                spec.commandLine().getErr().println("cbagent: error: " + result.error());
            }
            spec.commandLine().getOut().println(Json.write(EnrolRender.json(result)));
        } else {
            EnrolRender.text(result, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return result.exitCode().code();
    }
}
