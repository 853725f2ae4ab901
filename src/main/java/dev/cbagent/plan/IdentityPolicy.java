package dev.cbagent.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What to do when this machine carries another machine's agent identity (a clone), from
 * {@code registration.identity} and {@code registration.serviceRestart}.
 *
 * @param reset   true: clear the identity, run {@code restart}, register as a new machine; false: refuse (exit 8)
 * @param restart the commands that restart the agent service, in order (the profile's one, or the dialect's)
 */
public record IdentityPolicy(boolean reset, List<Step> restart) {
    static final Duration RESTART_TIMEOUT = Duration.ofMinutes(2);

    public IdentityPolicy {
        restart = List.copyOf(restart);
    }

    public static IdentityPolicy keep() {
        return new IdentityPolicy(false, List.of());
    }

    static IdentityPolicy of(boolean reset, List<List<String>> commands) {
        List<Step> steps = new ArrayList<>();
        for (List<String> command : commands) {
            List<Arg> argv = new ArrayList<>();
            for (String word : command) {
                argv.add(Arg.plain(word));
            }
            steps.add(new Step("restart", Action.REGISTER, new Argv(argv), List.of(), null, RESTART_TIMEOUT, List.of()));
        }
        return new IdentityPolicy(reset, steps);
    }
}
