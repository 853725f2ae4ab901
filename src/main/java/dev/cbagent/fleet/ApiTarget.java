package dev.cbagent.fleet;

import dev.cbagent.api.ApiConfig;

import java.time.Duration;

/**
 * Where and how hosts are confirmed; hosts with equal targets share one verifier.
 *
 * @param config        the management server API
 * @param requireOnline whether the agent must also be online
 * @param timeout       how long to wait for the batch
 */
public record ApiTarget(ApiConfig config, boolean requireOnline, Duration timeout) {
    /** Hosts with the same key are verified together. */
    String key() {
        return config.baseUrl() + " " + config.login() + " " + requireOnline;
    }
}
