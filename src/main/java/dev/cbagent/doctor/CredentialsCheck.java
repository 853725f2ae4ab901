package dev.cbagent.doctor;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.ApiConfig;
import dev.cbagent.api.ProxyPolicy;
import dev.cbagent.api.RetryPolicy;
import dev.cbagent.api.TrustConfig;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.profile.Secret;

import java.net.URI;
import java.time.Duration;

/** {@code /idp/token} accepts {@code verify.login} and {@code verify.password}. */
final class CredentialsCheck implements Check {
    private static final RetryPolicy NO_RETRIES = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, d -> { });
    private final URI apiUrl;
    private final String login;
    private final Secret password;
    private final TrustConfig trust;
    private final Duration timeout;
    private final ProxyPolicy proxies;

    CredentialsCheck(URI apiUrl, String login, Secret password, TrustConfig trust, ProxyPolicy proxies, Duration timeout) {
        this.proxies = proxies;
        this.apiUrl = apiUrl;
        this.login = login;
        this.password = password;
        this.trust = trust;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "credentials";
    }

    @Override
    public ExitCode failureCode() {
        return ExitCode.SERVER_UNAVAILABLE;
    }

    @Override
    public CheckResult run() {
        try {
            ApiConfig config = new ApiConfig(apiUrl, login, password.reveal(), trust, timeout, timeout.multipliedBy(2), proxies);
            new ApiClient(config, NO_RETRIES).login();
            return CheckResult.ok(name(), "the login '" + login + "' is accepted by " + apiUrl + "/idp/token");
        } catch (CbagentException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("rejected the login")) {
                return CheckResult.fail(name(), failureCode(), "credentials rejected: " + message
                        + "; check verify.login and verify.password");
            }
            return CheckResult.fail(name(), e.exitCode() == ExitCode.INVALID_INPUT ? ExitCode.INVALID_INPUT
                    : failureCode(), "cannot check the login '" + login + "': " + message);
        }
    }
}
