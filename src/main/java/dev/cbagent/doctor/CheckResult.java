package dev.cbagent.doctor;

import dev.cbagent.error.ExitCode;

import java.util.Objects;

/**
 * The outcome of one preflight check. A failure carries the exit code of its class (2 profile, 3 installer or
 * privileges, 6 server, TLS or credentials); the detail is one sentence and never holds a secret.
 */
public record CheckResult(String name, Status status, String detail, ExitCode failure) {
    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if (status == Status.FAIL && (failure == null || failure == ExitCode.OK)) {
            throw new IllegalArgumentException("a failed check needs an exit code");
        }
    }

    public static CheckResult ok(String name, String detail) {
        return new CheckResult(name, Status.OK, detail, null);
    }

    public static CheckResult warn(String name, String detail) {
        return new CheckResult(name, Status.WARN, detail, null);
    }

    public static CheckResult fail(String name, ExitCode code, String detail) {
        return new CheckResult(name, Status.FAIL, detail, code);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }

    CheckResult withDetail(String newDetail) {
        return new CheckResult(name, status, newDetail, failure);
    }

    /** {@code ok    dns: mgmt resolves to 10.0.0.5}: status padded to four characters, two spaces, name, detail. */
    public String line() {
        return String.format("%-4s  %s: %s", status.label(), name, detail);
    }
}
