package dev.cbagent.workflow;

import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.verify.ThisMachine;

/**
 * What an enrolment does once it knows what the server says of the machine (DESIGN.md "Idempotency"): the one
 * decision table that {@code install}/{@code register}/{@code unregister} on this machine and every fleet host use.
 */
public enum Decision {
    /** Not registered (no agent, no identity, a stale leftover, another agent's record): run the steps. */
    RUN,
    /** A clone with {@code registration.identity: reset}: clear the identity, restart the agent, run the steps. */
    RESET_AND_RUN,
    /** Registered already: run nothing, only confirm (and protect). */
    REGISTERED,
    /** A clone of another machine and no reset: exit 8, nothing changed. */
    CLONE_REFUSED,
    /** Several live machines match and none is provably this one: exit 8, nothing changed. */
    CONFLICT,
    /** Unregistering a machine the server does not list: nothing to do. */
    ABSENT,
    /**
     * A fleet host an interrupted earlier run started on, with an InstanceID the server does not know yet: that run
     * may have registered it just now, so confirm it by id before installing anything.
     */
    CONFIRM_EARLIER,
    /**
     * A fleet host an interrupted earlier run started on, with an agent but no identity: ask the server by name
     * whether that run registered it before installing (installing blindly could register a second machine).
     */
    ASK_EARLIER;

    /**
     * What the enrolment means to do, besides the machine's state.
     *
     * @param unregister     the action is {@code unregister}
     * @param force          {@code --force}: act even when the machine is registered (or absent)
     * @param resetClones    {@code registration.identity: reset}
     * @param startedEarlier a fleet host that an interrupted earlier run of this journal started on; never locally
     */
    public record Intent(boolean unregister, boolean force, boolean resetClones, boolean startedEarlier) {
    }

    /**
     * The table: the server's verdict on the machine ({@link ThisMachine#before}), the identity the machine holds,
     * and the intent.
     *
     * @param idUnknown the server answered 404 for the machine's InstanceID (not a deleted or foreign record)
     */
    public static Decision of(ThisMachine.Before.Kind server, boolean idUnknown, LocalAgent.State local, Intent intent) {
        if (intent.startedEarlier() && (local == LocalAgent.State.NO_IDENTITY || local == LocalAgent.State.UNREADABLE)) {
            return ASK_EARLIER;
        }
        return switch (server) {
            case CONFLICT -> CONFLICT;
            case CLONE -> intent.resetClones() && !intent.unregister() ? RESET_AND_RUN : CLONE_REFUSED;
            case REGISTERED -> intent.unregister() || intent.force() ? RUN : REGISTERED;
            case NOT_REGISTERED -> {
                if (intent.startedEarlier() && local == LocalAgent.State.IDENTIFIED && idUnknown) {
                    yield CONFIRM_EARLIER;
                }
                yield intent.unregister() && !intent.force() ? ABSENT : RUN;
            }
        };
    }

    /** The same, from a pre-check's answer. */
    public static Decision of(ThisMachine.Before before, LocalAgent local, Intent intent) {
        boolean idUnknown = before.verdict() != null && before.verdict().machine() == null;
        return of(before.kind(), idUnknown, local.state(), intent);
    }
}
