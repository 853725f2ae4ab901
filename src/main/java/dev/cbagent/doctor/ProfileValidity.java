package dev.cbagent.doctor;

import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.profile.Finding;

import java.util.List;

/** The first line of the report: what {@code validate} says about the profile, in one line. */
final class ProfileValidity {
    static final String NAME = "profile";

    private ProfileValidity() {
    }

    static CheckResult of(ProfileCheck.Checked checked) {
        List<Finding> errors = checked.findings().stream().filter(Finding::isError).toList();
        List<Finding> warnings = checked.findings().stream().filter(f -> !f.isError()).toList();
        String file = checked.profile().file().toString();
        if (!errors.isEmpty()) {
            return CheckResult.fail(NAME, ExitCode.INVALID_INPUT, file + " has " + count(errors.size(), "error")
                    + ", the first: " + errors.get(0).key() + ": " + errors.get(0).message()
                    + " (cbagent validate " + file + " lists them all)");
        }
        String what = file + " is valid (" + checked.model().platform() + ", "
                + checked.model().edition() + ")";
        if (!warnings.isEmpty()) {
            return CheckResult.warn(NAME, what + " with " + count(warnings.size(), "warning") + ", the first: "
                    + warnings.get(0).key() + ": " + warnings.get(0).message());
        }
        return CheckResult.ok(NAME, what);
    }

    private static String count(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
