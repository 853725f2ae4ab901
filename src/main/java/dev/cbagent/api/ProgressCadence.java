package dev.cbagent.api;

import java.time.Duration;

/**
 * How often a long wait speaks on stderr, the same for one machine and for a fleet: nothing for the first
 * {@code quiet}, then a line every {@code every}: 10 s on a terminal, 30 s otherwise (CI logs, Ansible), where
 * nobody watches the lines as they come.
 */
public record ProgressCadence(Duration quiet, Duration every) {
    static final Duration QUIET = Duration.ofSeconds(10);
    static final Duration ON_A_TERMINAL = Duration.ofSeconds(10);
    static final Duration ELSEWHERE = Duration.ofSeconds(30);

    /** @param terminal whether a person probably watches stderr */
    public static ProgressCadence of(boolean terminal) {
        return new ProgressCadence(QUIET, terminal ? ON_A_TERMINAL : ELSEWHERE);
    }
}
