package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The live fault switches of a running sandbox; thread-safe. */
public final class FaultSwitches {
    private static final Set<String> NAMES = Set.of("fail503", "tokenTtl", "slowMs", "appearAfterMs",
            "onlineAfterMs", "neverOnline", "revokeTokens", "deployAfterMs", "neverDeployed", "applyIssues",
            "runTakesMs", "runFails", "upperCaseFields", "trimLists", "requireLimit", "fqdnDomain", "dropConnections");

    private final AtomicInteger fail503 = new AtomicInteger();
    private final AtomicInteger dropConnections = new AtomicInteger();
    private volatile long slowMs;
    private volatile long appearAfterMs;
    private volatile long onlineAfterMs;
    private volatile boolean neverOnline;
    private volatile long deployAfterMs;
    private volatile boolean neverDeployed;
    private volatile boolean applyIssues;
    private volatile long runTakesMs;
    private volatile boolean runFails;
    private volatile boolean upperCaseFields;
    private volatile boolean trimLists;
    private volatile boolean requireLimit;
    private volatile String fqdnDomain;
    private volatile Duration tokenTtl;
    private final TokenStore tokens;

    FaultSwitches(Faults initial, Duration tokenTtl, TokenStore tokens) {
        this.tokens = tokens;
        this.tokenTtl = tokenTtl;
        set(initial);
    }

    public void set(Faults faults) {
        fail503.set(faults.fail503());
        dropConnections.set(faults.dropConnections());
        slowMs = faults.slowMs();
        appearAfterMs = faults.appearAfterMs();
        onlineAfterMs = faults.onlineAfterMs();
        neverOnline = faults.neverOnline();
        deployAfterMs = faults.deployAfterMs();
        neverDeployed = faults.neverDeployed();
        applyIssues = faults.applyIssues();
        runTakesMs = faults.runTakesMs();
        runFails = faults.runFails();
        upperCaseFields = faults.upperCaseFields();
        trimLists = faults.trimLists();
        requireLimit = faults.requireLimit();
        fqdnDomain = faults.fqdnDomain();
    }

    public Faults current() {
        return new Faults(fail503.get(), slowMs, appearAfterMs, onlineAfterMs, neverOnline, deployAfterMs,
                neverDeployed, applyIssues, runTakesMs, runFails, upperCaseFields, trimLists, requireLimit, fqdnDomain,
                dropConnections.get());
    }

    public Duration tokenTtl() {
        return tokenTtl;
    }

    /** Makes every access token issued so far invalid, as if it had expired. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    /** True (and counts down) while 503 answers are owed. */
    boolean take503() {
        return fail503.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** True (and counts down) while dropped connections are owed. */
    boolean takeDrop() {
        return dropConnections.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    long slowMs() {
        return slowMs;
    }

    long appearAfterMs() {
        return appearAfterMs;
    }

    long onlineAfterMs() {
        return onlineAfterMs;
    }

    boolean neverOnline() {
        return neverOnline;
    }

    long deployAfterMs() {
        return deployAfterMs;
    }

    boolean neverDeployed() {
        return neverDeployed;
    }

    boolean applyIssues() {
        return applyIssues;
    }

    long runTakesMs() {
        return runTakesMs;
    }

    boolean runFails() {
        return runFails;
    }

    boolean upperCaseFields() {
        return upperCaseFields;
    }

    /** List items without {@code agent_id} and {@code attributes}, like the guide's list example. */
    public void setTrimLists(boolean on) {
        trimLists = on;
    }

    /** {@code after}/{@code before} without {@code limit} answers 400. */
    public void setRequireLimit(boolean on) {
        requireLimit = on;
    }

    /** Registered short names are stored as {@code name.<domain>}; null or empty switches it off. */
    public void setFqdnDomain(String domain) {
        fqdnDomain = current().withFqdnDomain(domain).fqdnDomain();
    }

    boolean trimLists() {
        return trimLists;
    }

    boolean requireLimit() {
        return requireLimit;
    }

    String fqdnDomain() {
        return fqdnDomain;
    }

    /** Applies the fields present in a {@code POST /sandbox/v1/faults} body; unknown names are refused. */
    void apply(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new SandboxRejection(400, "the faults body must be a JSON object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!NAMES.contains(name)) {
                throw new SandboxRejection(400, "unknown fault '" + name + "'; known: " + NAMES);
            }
        }
        if (body.has("fail503")) {
            fail503.set(nonNegative(body, "fail503"));
        }
        if (body.has("dropConnections")) {
            dropConnections.set(nonNegative(body, "dropConnections"));
        }
        if (body.has("tokenTtl")) {
            tokenTtl = Duration.ofSeconds(nonNegative(body, "tokenTtl"));
        }
        if (body.has("slowMs")) {
            slowMs = nonNegative(body, "slowMs");
        }
        if (body.has("appearAfterMs")) {
            appearAfterMs = nonNegative(body, "appearAfterMs");
        }
        if (body.has("onlineAfterMs")) {
            onlineAfterMs = nonNegative(body, "onlineAfterMs");
        }
        if (body.has("neverOnline")) {
            neverOnline = body.get("neverOnline").asBoolean();
        }
        if (body.has("deployAfterMs")) {
            deployAfterMs = nonNegative(body, "deployAfterMs");
        }
        if (body.has("neverDeployed")) {
            neverDeployed = body.get("neverDeployed").asBoolean();
        }
        if (body.has("applyIssues")) {
            applyIssues = body.get("applyIssues").asBoolean();
        }
        if (body.has("runTakesMs")) {
            runTakesMs = nonNegative(body, "runTakesMs");
        }
        if (body.has("runFails")) {
            runFails = body.get("runFails").asBoolean();
        }
        if (body.has("upperCaseFields")) {
            upperCaseFields = body.get("upperCaseFields").asBoolean();
        }
        if (body.has("trimLists")) {
            trimLists = body.get("trimLists").asBoolean();
        }
        if (body.has("requireLimit")) {
            requireLimit = body.get("requireLimit").asBoolean();
        }
        if (body.has("fqdnDomain")) {
            JsonNode domain = body.get("fqdnDomain");
            if (!domain.isNull() && !domain.isTextual()) {
                throw new SandboxRejection(400, "fault 'fqdnDomain' must be a domain name (text) or null");
            }
            setFqdnDomain(domain.isNull() ? null : domain.asText());
        }
        if (body.path("revokeTokens").asBoolean(false)) {
            revokeTokens();
        }
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("fail503", fail503.get());
        node.put("dropConnections", dropConnections.get());
        node.put("tokenTtl", tokenTtl.toSeconds());
        node.put("slowMs", slowMs);
        node.put("appearAfterMs", appearAfterMs);
        node.put("onlineAfterMs", onlineAfterMs);
        node.put("neverOnline", neverOnline);
        node.put("deployAfterMs", deployAfterMs);
        node.put("neverDeployed", neverDeployed);
        node.put("applyIssues", applyIssues);
        node.put("runTakesMs", runTakesMs);
        node.put("runFails", runFails);
        node.put("upperCaseFields", upperCaseFields);
        node.put("trimLists", trimLists);
        node.put("requireLimit", requireLimit);
        node.put("fqdnDomain", fqdnDomain);
        return node;
    }

    private static int nonNegative(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (!value.canConvertToInt() || value.asInt() < 0) {
            throw new SandboxRejection(400, "fault '" + name + "' must be a non-negative integer");
        }
        return value.asInt();
    }
}
