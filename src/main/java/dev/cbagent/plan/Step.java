package dev.cbagent.plan;

import java.time.Duration;
import java.util.List;

/**
 * One vendor tool run. When {@code optionsFile} is not empty, those (secret) options are written one per line
 * into a 0600 file whose path is appended as {@code optionsFileFlag=PATH} at run time.
 */
public record Step(String name, Action action, Argv argv, List<Arg> optionsFile, String optionsFileFlag,
                   Duration timeout, List<Integer> rebootExitCodes) {
    public Step {
        optionsFile = List.copyOf(optionsFile);
        rebootExitCodes = List.copyOf(rebootExitCodes);
    }

    public java.util.Set<String> secrets() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(argv.secrets());
        for (Arg arg : optionsFile) {
            arg.masks().stream().filter(s -> !s.isEmpty()).forEach(all::add);
        }
        return all;
    }
}
