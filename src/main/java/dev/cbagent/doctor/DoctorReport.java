package dev.cbagent.doctor;

import dev.cbagent.error.ExitCode;

import java.util.List;

/** Every check's result in a fixed order; the exit code is that of the first failure. */
public record DoctorReport(List<CheckResult> checks) {
    public DoctorReport {
        checks = List.copyOf(checks);
    }

    public boolean ok() {
        return checks.stream().noneMatch(CheckResult::failed);
    }

    public ExitCode exitCode() {
        return checks.stream().filter(CheckResult::failed).map(CheckResult::failure).findFirst().orElse(ExitCode.OK);
    }
}
