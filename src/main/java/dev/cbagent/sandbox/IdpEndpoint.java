package dev.cbagent.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/** {@code POST /idp/token}: form {@code grant_type=password} with Basic credentials of the administrator (2.4). */
final class IdpEndpoint {
    private final SandboxConfig config;
    private final TokenStore tokens;
    private final FaultSwitches faults;
    private final Clock clock;

    IdpEndpoint(SandboxConfig config, TokenStore tokens, FaultSwitches faults) {
        this.config = config;
        this.tokens = tokens;
        this.faults = faults;
        this.clock = config.clock();
    }

    void handle(Exchange exchange) throws IOException {
        if (!exchange.path().equals("/idp/token")) {
            throw new SandboxRejection(404, "no such endpoint: " + exchange.path());
        }
        exchange.requireMethod("POST");
        String type = exchange.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new SandboxRejection(415, "the token request must be application/x-www-form-urlencoded");
        }
        if (!grantsPassword(exchange.bodyText())) {
            throw new SandboxRejection(400, "grant_type=password is required");
        }
        if (!adminCredentials(exchange.header("Authorization"))) {
            throw new SandboxRejection(401, "invalid login or password");
        }
        Duration ttl = faults.tokenTtl();
        ObjectNode body = exchange.object();
        body.put("access_token", tokens.issue(ttl));
        body.put("token_type", "bearer");
        body.put("expires_in", ttl.toSeconds());
        body.put("expires_on", clock.instant().plus(ttl).getEpochSecond());
        body.put("id_token", tokens.randomId());
        body.putNull("scope");
        exchange.send(200, body);
    }

    private static boolean grantsPassword(String form) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals("grant_type")
                    && URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).equals("password")) {
                return true;
            }
        }
        return false;
    }

    private boolean adminCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon >= 0 && decoded.substring(0, colon).equals(config.adminLogin())
                && decoded.substring(colon + 1).equals(config.adminPassword());
    }
}
