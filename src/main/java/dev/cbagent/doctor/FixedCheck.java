package dev.cbagent.doctor;

import dev.cbagent.error.ExitCode;

/** A check whose answer is known from the profile alone ("not used", "not checked: ..."). */
record FixedCheck(CheckResult result) implements Check {
    @Override
    public String name() {
        return result.name();
    }

    @Override
    public ExitCode failureCode() {
        return result.failure() == null ? ExitCode.INTERNAL : result.failure();
    }

    @Override
    public CheckResult run() {
        return result;
    }
}
