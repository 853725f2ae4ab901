package dev.cbagent.fleet;

import java.util.Locale;

/** Where a fleet host is, or where it failed; {@link #word()} is how journals and reports spell it. */
enum HostStep {
    /** Not started: the run was stopped first. */
    START,
    CONNECT,
    HOSTNAME,
    PREPARE,
    UPLOAD,
    INSTALL,
    IDENTITY,
    VERIFY,
    PROTECT;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The step a runner named (a {@link HostFailure}'s). */
    static HostStep of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
