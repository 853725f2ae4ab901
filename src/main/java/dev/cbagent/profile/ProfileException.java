package dev.cbagent.profile;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import java.util.List;
import java.util.stream.Collectors;

/** A profile that cannot be used: carries every finding (errors and warnings), exit code 2. */
public final class ProfileException extends CbagentException {
    private final List<Finding> findings;

    public ProfileException(List<Finding> findings) {
        super(ExitCode.INVALID_INPUT, findings.stream().filter(Finding::isError).map(Finding::format)
                .collect(Collectors.joining(System.lineSeparator())));
        this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
        return findings;
    }
}
