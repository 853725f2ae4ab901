package dev.cbagent.platform.identity;

import java.util.Optional;

/**
 * What this machine's agent says about itself.
 *
 * @param state    whether an agent is there and whether it knows its identity
 * @param identity the ids; non-null only when {@code state} is {@link State#IDENTIFIED}
 * @param source   where it was read (a file path or a registry key), for messages
 * @param server   the management server the agent's configuration names, or null
 * @param problem  why the identity could not be read; non-null only when {@code state} is {@link State#UNREADABLE}
 */
public record LocalAgent(State state, AgentIdentity identity, String source, String server, String problem) {
    public enum State {
        /** No agent configuration: nothing is installed (or not where the product keeps it). */
        NOT_INSTALLED,
        /** An agent is installed but has no {@code InstanceID}: it never registered, or was reset. */
        NO_IDENTITY,
        /** An agent with an {@code InstanceID}. */
        IDENTIFIED,
        /** The configuration exists but cannot be read (permissions, unknown format). */
        UNREADABLE
    }

    public LocalAgent {
        if ((state == State.IDENTIFIED) != (identity != null)) {
            throw new IllegalArgumentException("an identity goes with state IDENTIFIED only");
        }
    }

    public static LocalAgent notInstalled(String source) {
        return new LocalAgent(State.NOT_INSTALLED, null, source, null, null);
    }

    public static LocalAgent unreadable(String source, String problem) {
        return new LocalAgent(State.UNREADABLE, null, source, null, problem);
    }

    public Optional<AgentIdentity> known() {
        return Optional.ofNullable(identity);
    }

    public boolean installed() {
        return state != State.NOT_INSTALLED;
    }
}
