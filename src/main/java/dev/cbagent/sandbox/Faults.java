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
 * @param trimLists       list items of {@code GET /api/v1/resources} carry no {@code agent_id} and no
 *                        {@code attributes}, like the guide's own list example (2.10.1.8);
 *                        {@code GET /api/v1/resources/{id}} still shows them
 * @param requireLimit    a list request with {@code after} (or {@code before}) but without {@code limit} answers 400
 * @param fqdnDomain      when set, a registered machine whose name has no dot is stored as {@code name.<domain>};
 *                        null or empty: names are stored as the agent reports them
 * @param dropConnections the next N API requests ({@code /idp/token}, {@code /api/...}) get the status line and
 *                        headers of an answer, then the connection closes before the body (a dropped connection:
 *                        the client sees the end of the stream, "EOF reached while reading")
 */
public record Faults(int fail503, long slowMs, long appearAfterMs, long onlineAfterMs, boolean neverOnline,
                     long deployAfterMs, boolean neverDeployed, boolean applyIssues, long runTakesMs, boolean runFails,
                     boolean upperCaseFields, boolean trimLists, boolean requireLimit, String fqdnDomain,
                     int dropConnections) {
    public Faults {
        if (fail503 < 0 || dropConnections < 0 || slowMs < 0 || appearAfterMs < 0 || onlineAfterMs < 0
                || deployAfterMs < 0 || runTakesMs < 0) {
            throw new IllegalArgumentException("fault values must not be negative");
        }
        if (fqdnDomain != null) {
            fqdnDomain = fqdnDomain.strip();
            while (fqdnDomain.startsWith(".")) {
                fqdnDomain = fqdnDomain.substring(1);
            }
            if (fqdnDomain.isEmpty()) {
                fqdnDomain = null;
            }
        }
    }

    /** The registration faults only; the protection faults and the answer shapes are off. */
    public Faults(int fail503, long slowMs, long appearAfterMs, long onlineAfterMs, boolean neverOnline) {
        this(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, 0, false, false, 0, false, false, false, false,
                null, 0);
    }

    /** Everything but the list and naming shapes ({@code trimLists}, {@code requireLimit}, {@code fqdnDomain}). */
    public Faults(int fail503, long slowMs, long appearAfterMs, long onlineAfterMs, boolean neverOnline,
                  long deployAfterMs, boolean neverDeployed, boolean applyIssues, long runTakesMs, boolean runFails,
                  boolean upperCaseFields) {
        this(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed, applyIssues,
                runTakesMs, runFails, upperCaseFields, false, false, null, 0);
    }

    public static Faults none() {
        return new Faults(0, 0, 0, 0, false);
    }

    public Faults withFail503(int count) {
        return new Faults(count, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, upperCaseFields, trimLists, requireLimit, fqdnDomain,
                dropConnections);
    }

    public Faults withSlowMs(long ms) {
        return new Faults(fail503, ms, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, upperCaseFields, trimLists, requireLimit, fqdnDomain,
                dropConnections);
    }

    public Faults withAppearAfterMs(long ms) {
        return new Faults(fail503, slowMs, ms, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed, applyIssues,
                runTakesMs, runFails, upperCaseFields, trimLists, requireLimit, fqdnDomain, dropConnections);
    }

    public Faults withOnlineAfterMs(long ms) {
        return new Faults(fail503, slowMs, appearAfterMs, ms, neverOnline, deployAfterMs, neverDeployed, applyIssues,
                runTakesMs, runFails, upperCaseFields, trimLists, requireLimit, fqdnDomain, dropConnections);
    }

    public Faults withNeverOnline(boolean on) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, on, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, upperCaseFields, trimLists, requireLimit, fqdnDomain,
                dropConnections);
    }

    public Faults withDeployAfterMs(long ms) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, ms, neverDeployed, applyIssues,
                runTakesMs, runFails, upperCaseFields, trimLists, requireLimit, fqdnDomain, dropConnections);
    }

    public Faults withNeverDeployed(boolean on) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, on, applyIssues,
                runTakesMs, runFails, upperCaseFields, trimLists, requireLimit, fqdnDomain, dropConnections);
    }

    public Faults withApplyIssues(boolean on) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                on, runTakesMs, runFails, upperCaseFields, trimLists, requireLimit, fqdnDomain, dropConnections);
    }

    public Faults withRunTakesMs(long ms) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, ms, runFails, upperCaseFields, trimLists, requireLimit, fqdnDomain, dropConnections);
    }

    public Faults withRunFails(boolean on) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, on, upperCaseFields, trimLists, requireLimit, fqdnDomain, dropConnections);
    }

    public Faults withUpperCaseFields(boolean on) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, on, trimLists, requireLimit, fqdnDomain, dropConnections);
    }

    public Faults withTrimLists(boolean on) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, upperCaseFields, on, requireLimit, fqdnDomain, dropConnections);
    }

    public Faults withRequireLimit(boolean on) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, upperCaseFields, trimLists, on, fqdnDomain, dropConnections);
    }

    public Faults withFqdnDomain(String value) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, upperCaseFields, trimLists, requireLimit, value, dropConnections);
    }

    public Faults withDropConnections(int count) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs, neverDeployed,
                applyIssues, runTakesMs, runFails, upperCaseFields, trimLists, requireLimit, fqdnDomain, count);
    }
}
