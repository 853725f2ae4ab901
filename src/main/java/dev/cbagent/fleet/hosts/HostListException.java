package dev.cbagent.fleet.hosts;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import java.util.List;
import java.util.stream.Collectors;

/** A host list that cannot be used: every problem found, exit code 2. */
public final class HostListException extends CbagentException {
    private final List<HostListProblem> problems;

    public HostListException(List<HostListProblem> problems) {
        super(ExitCode.INVALID_INPUT, problems.stream().map(HostListProblem::format)
                .collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    public List<HostListProblem> problems() {
        return problems;
    }
}
