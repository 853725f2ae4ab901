package dev.cbagent.protect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One policy application as {@code GET /policy_applications} shows it (2.10.4.4, 2.9.2): field names in either case
 * ({@code deployment.state} or {@code DEPLOYMENT.STATE}).
 *
 * @param contextId       the resource the plan applies to
 * @param deploymentState e.g. DEPLOYED; null when not shown
 * @param runningState    e.g. RUNNING or IDLE
 * @param status          e.g. OK, WARNING, ERROR, running
 * @param lastRunTime     {@code last_runtime}
 * @param lastSuccessTime {@code last_success_time}
 * @param origins         {@code origin_contexts}: where the application comes from (the machine, or a group)
 */
public record Application(String contextId, String deploymentState, String runningState, String status,
                          String lastRunTime, String lastSuccessTime, List<String> origins) {
    public Application {
        origins = List.copyOf(origins);
    }

    static Application from(JsonNode item) {
        String context = JsonFields.text(item, "context", "id");
        if (context == null) {
            context = JsonFields.text(item, "context_id");
        }
        return new Application(context, JsonFields.text(item, "deployment", "state"),
                JsonFields.text(item, "running", "state"), JsonFields.text(item, "status"),
                JsonFields.text(item, "last_runtime"), JsonFields.text(item, "last_success_time"),
                JsonFields.texts(item, "origin_contexts"));
    }

    public boolean isDeployed() {
        return "DEPLOYED".equalsIgnoreCase(deploymentState);
    }

    public boolean isRunning() {
        return "RUNNING".equalsIgnoreCase(runningState) || "RUNNING".equalsIgnoreCase(status);
    }

    /** The plan has run here at least once (a status alone says nothing: a fresh application shows OK, 2.10.4.4). */
    public boolean hasRun() {
        return lastRunTime != null || lastSuccessTime != null;
    }

    /** The last run ended well (OK or WARNING). */
    public boolean isGood() {
        String s = status == null ? "" : status.toUpperCase(Locale.ROOT);
        return s.equals("OK") || s.equals("WARNING");
    }

    /** Something shows that a run happened since {@code before} was read. */
    boolean ranSince(Application before) {
        return !Objects.equals(lastRunTime, before.lastRunTime) || !Objects.equals(lastSuccessTime, before.lastSuccessTime);
    }

    /** The state in words, for messages. */
    String deploymentText() {
        return deploymentState == null ? "no deployment state shown" : "deployment state " + deploymentState;
    }
}
