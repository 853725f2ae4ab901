package dev.cbagent.plan;

import dev.cbagent.text.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code protection:} section: after the registration is confirmed, put the machine into a static group
 * and/or apply a protection plan to it, wait until the plan is deployed, and optionally run it once.
 *
 * @param group        name or id of a static group; null for none
 * @param createGroup  create the group when it does not exist
 * @param plan         name or id of a protection plan; null for none
 * @param waitDeployed how long to wait for {@code DEPLOYED}; zero means do not wait
 * @param runNow       start the plan once and wait for the run to finish
 * @param runTimeout   how long the run may take
 */
public record ProtectionPlan(String group, boolean createGroup, String plan, Duration waitDeployed, boolean runNow,
                             Duration runTimeout) {
    public static final Duration DEFAULT_WAIT_DEPLOYED = Duration.ofMinutes(10);
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofHours(1);
    public static final String GROUPS = "/api/v1/groups";
    public static final String POLICIES = "/api/v1/policies";
    public static final String APPLICATIONS = "/api/v1/policy_applications";
    public static final String RUN = "/api/v1/policy_applications:run";
    public static final String GROUP_TYPE = "resource.group.computers";

    public ProtectionPlan {
        waitDeployed = waitDeployed == null ? DEFAULT_WAIT_DEPLOYED : waitDeployed;
        runTimeout = runTimeout == null ? DEFAULT_RUN_TIMEOUT : runTimeout;
    }

    public boolean hasGroup() {
        return group != null;
    }

    public boolean hasPlan() {
        return plan != null;
    }

    /** The calls, in order, for the machine named {@code hostname}. */
    public List<ApiStep> apiSteps(String hostname) {
        String machine = "<resource id of " + hostname + ">";
        List<ApiStep> steps = new ArrayList<>();
        if (hasGroup()) {
            steps.add(new ApiStep("GET", "/api/v1/resources?type=" + GROUP_TYPE + "&name=" + group, null,
                    "find the group '" + group + "' (by id when it is one)"));
            if (createGroup) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", group);
                body.put("membership_type", "STATIC");
                body.put("type", "group.computers");
                body.put("parent_id", "<parent_id of the group 'All'>");
                steps.add(new ApiStep("POST", GROUPS, body, "only when the group does not exist"));
            }
            steps.add(new ApiStep("PATCH", GROUPS + "/<group id>/resources", Map.of("add", List.of(machine)),
                    "unless " + hostname + " is already a member"));
        }
        if (hasPlan()) {
            String policy = "<id of plan '" + plan + "'>";
            String query = APPLICATIONS + "?policy_id=" + policy + "&context_id=" + machine;
            steps.add(new ApiStep("GET", POLICIES, null, "find the plan '" + plan + "' (by id or name)"));
            Map<String, Object> apply = new LinkedHashMap<>();
            apply.put("policy_id", policy);
            apply.put("context", Map.of("items", List.of(machine)));
            steps.add(new ApiStep("POST", APPLICATIONS, apply, "unless the plan is already applied to " + hostname));
            if (!waitDeployed.isZero()) {
                steps.add(new ApiStep("GET", query, null, "until deployment.state is DEPLOYED (up to "
                        + Durations.format(waitDeployed) + ")"));
            }
            if (runNow) {
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("state", "RUNNING");
                run.put("policy_id", policy);
                run.put("context_ids", List.of(machine));
                steps.add(new ApiStep("POST", RUN, run, "unless the plan has already run on " + hostname));
                steps.add(new ApiStep("GET", query, null, "until the run is over (up to "
                        + Durations.format(runTimeout) + ")"));
            }
        }
        return steps;
    }
}
