package dev.cbagent.sandbox;

/**
 * Fault switches a sandbox starts with; the same names are set at runtime with {@code POST /sandbox/v1/faults}.
 *
 * @param fail503         the next N API requests ({@code /idp/token}, {@code /api/...}) answer 503
 * @param slowMs          every answer waits this long first
 * @param appearAfterMs   a registered machine becomes visible only this long after registering
 * @param onlineAfterMs   a registered machine's {@code is_online} turns 1 only this long after registering
 * @param neverOnline     {@code is_online} stays 0
 * @param deployAfterMs   an applied plan shows {@code deployment.state} DEPLOYED only this long after applying
 * @param neverDeployed   an applied plan stays DEPLOYING
 * @param applyIssues     {@code POST /policy_applications} answers 200 with {@code issues} (warnings) instead of 204
 * @param runTakesMs      a run started with {@code :run} stays RUNNING this long
 * @param runFails        a run ends with status ERROR
 * @param upperCaseFields policy applications show {@code DEPLOYMENT.STATE}, {@code RUNNING.STATE} and
 *                        {@code STATUS} in upper case, as the guide's polling example (2.9.2) does
 */
public record Faults(int fail503, long slowMs, long appearAfterMs, long onlineAfterMs, boolean neverOnline,
                     long deployAfterMs, boolean neverDeployed, boolean applyIssues, long runTakesMs, boolean runFails,
                     boolean upperCaseFields) {
    public Faults {
        if (fail503 < 0 || slowMs < 0 || appearAfterMs < 0 || onlineAfterMs < 0 || deployAfterMs < 0 || runTakesMs < 0) {
            throw new IllegalArgumentException("fault values must not be negative");
        }
    }

    /** The registration faults only; the protection faults are off. */
    public Faults(int fail503, long slowMs, long appearAfterMs, long onlineAfterMs, boolean neverOnline) {
        this(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, 0, false, false, 0, false, false);
    }

    public static Faults none() {
        return new Faults(0, 0, 0, 0, false);
    }

    public Faults withFail503(int count) {
        return new Faults(count, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, upperCaseFields);
    }

    public Faults withSlowMs(long ms) {
        return new Faults(fail503, ms, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, upperCaseFields);
    }

    public Faults withAppearAfterMs(long ms) {
        return new Faults(fail503, slowMs, ms, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, upperCaseFields);
    }

    public Faults withOnlineAfterMs(long ms) {
        return new Faults(fail503, slowMs, appearAfterMs, ms, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, upperCaseFields);
    }

    public Faults withNeverOnline(boolean never) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, never, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, upperCaseFields);
    }

    public Faults withDeployAfterMs(long ms) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, ms, neverDeployed,
                applyIssues, runTakesMs, runFails, upperCaseFields);
    }

    public Faults withNeverDeployed(boolean never) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, never,
                applyIssues, runTakesMs, runFails, upperCaseFields);
    }

    public Faults withApplyIssues(boolean issues) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                issues, runTakesMs, runFails, upperCaseFields);
    }

    public Faults withRunTakesMs(long ms) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, ms, runFails, upperCaseFields);
    }

    public Faults withRunFails(boolean fails) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, fails, upperCaseFields);
    }

    public Faults withUpperCaseFields(boolean upper) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, upper);
    }
}
