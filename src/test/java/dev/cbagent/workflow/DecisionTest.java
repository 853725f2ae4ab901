package dev.cbagent.workflow;

import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.verify.ThisMachine;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one decision table of every enrolment, a row per case (DESIGN.md "Idempotency"). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DecisionTest {
    @ParameterizedTest(name = "{0} / id unknown {1} / {2} / {3} -> {4}")
    @CsvSource(textBlock = """
            # server verdict, 404 for the id, local identity, intent, decision
            REGISTERED,     false, IDENTIFIED,    install,          REGISTERED
            REGISTERED,     false, IDENTIFIED,    install-force,    RUN
            REGISTERED,     false, IDENTIFIED,    unregister,       RUN
            REGISTERED,     false, UNREADABLE,    install,          REGISTERED
            REGISTERED,     false, IDENTIFIED,    fleet-resumed,    REGISTERED
            NOT_REGISTERED, false, NOT_INSTALLED, install,          RUN
            NOT_REGISTERED, false, NO_IDENTITY,   install,          RUN
            NOT_REGISTERED, true,  IDENTIFIED,    install,          RUN
            NOT_REGISTERED, false, IDENTIFIED,    install,          RUN
            NOT_REGISTERED, false, UNREADABLE,    install,          RUN
            NOT_REGISTERED, true,  IDENTIFIED,    unregister,       ABSENT
            NOT_REGISTERED, true,  IDENTIFIED,    unregister-force, RUN
            CLONE,          false, IDENTIFIED,    install,          CLONE_REFUSED
            CLONE,          false, IDENTIFIED,    install-reset,    RESET_AND_RUN
            CLONE,          false, IDENTIFIED,    unregister-reset, CLONE_REFUSED
            CLONE,          false, IDENTIFIED,    fleet-resumed,    RESET_AND_RUN
            CONFLICT,       false, UNREADABLE,    install,          CONFLICT
            CONFLICT,       false, UNREADABLE,    install-reset,    CONFLICT
            CONFLICT,       false, UNREADABLE,    unregister,       CONFLICT
            NOT_REGISTERED, true,  IDENTIFIED,    fleet-resumed,    CONFIRM_EARLIER
            NOT_REGISTERED, false, IDENTIFIED,    fleet-resumed,    RUN
            NOT_REGISTERED, false, NO_IDENTITY,   fleet-resumed,    ASK_EARLIER
            CONFLICT,       false, UNREADABLE,    fleet-resumed,    ASK_EARLIER
            NOT_REGISTERED, false, NOT_INSTALLED, fleet-resumed,    RUN
            """)
    void the_server_verdict_the_local_identity_and_the_intent_decide(ThisMachine.Before.Kind server,
                                                                       boolean idUnknown, LocalAgent.State local,
                                                                       String intent, Decision expected) {
        assertEquals(expected, Decision.of(server, idUnknown, local, intent(intent)));
    }

    /** install, install-force, install-reset, unregister, unregister-force, unregister-reset, fleet-resumed. */
    private static Decision.Intent intent(String word) {
        boolean unregister = word.startsWith("unregister");
        boolean fleetResumed = word.equals("fleet-resumed");
        return new Decision.Intent(unregister, word.endsWith("-force"), word.endsWith("-reset") || fleetResumed,
                fleetResumed);
    }
}
