package dev.cbagent.profile.model;

import java.time.Duration;

/** The profile's {@code protection:} section: group and plan after the registration; null fields when absent. */
public record Protection(String group, boolean createGroup, String plan, Duration waitDeployed, boolean runNow,
                         Duration runTimeout) {
}
