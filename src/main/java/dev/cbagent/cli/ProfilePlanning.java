package dev.cbagent.cli;

import dev.cbagent.plan.Action;
import dev.cbagent.plan.Plan;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.profile.Finding;
import dev.cbagent.profile.ProfileException;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Check a profile, print its warnings, refuse it on errors, and plan the action: the start of every command. */
final class ProfilePlanning {
    private final CliContext context;

    ProfilePlanning(CliContext context) {
        this.context = context;
    }

    ProfileCheck.Checked check(Path profile, String platform, PrintWriter err) {
        ProfileCheck.Checked checked = context.profileCheck().check(profile, platform);
        if (checked.hasErrors()) {
            throw new ProfileException(checked.findings());
        }
        checked.findings().stream().map(Finding::format).forEach(err::println);
        err.flush();
        return checked;
    }

    Plan plan(Path profile, String platform, Action action, PrintWriter err) {
        ProfileCheck.Checked checked = check(profile, platform, err);
        return context.planner().plan(checked.model(), checked.dialect(), action);
    }
}
