package dev.cbagent.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Access tokens issued by {@code /idp/token}, with their expiry. */
final class TokenStore {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();

    TokenStore(Clock clock) {
        this.clock = clock;
    }

    String issue(Duration ttl) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(token, clock.instant().plus(ttl));
        issued.incrementAndGet();
        return token;
    }

    boolean isValid(String token) {
        Instant expiry = token == null ? null : expiries.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    void revokeAll() {
        expiries.clear();
    }

    long issuedCount() {
        return issued.get();
    }

    String randomId() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
