package dev.cbagent.api;

import java.util.Optional;

/**
 * How requests to one server travel: through {@code proxy}, or directly; {@code reason} says why, in words for
 * {@code doctor} and messages ({@code "https_proxy"}, {@code "no_proxy entry .example.ru"}, ...).
 */
public record ProxyRoute(Optional<ProxyEndpoint> proxy, String reason) {
    public static ProxyRoute direct(String reason) {
        return new ProxyRoute(Optional.empty(), reason);
    }

    public static ProxyRoute via(ProxyEndpoint proxy) {
        return new ProxyRoute(Optional.of(proxy), proxy.source());
    }

    public boolean proxied() {
        return proxy.isPresent();
    }

    /** {@code "through the proxy http://proxy:3128 (https_proxy)"} or {@code "directly (no proxy set)"}. */
    public String describe() {
        return proxy.map(p -> "through the proxy " + p.shown() + " (" + p.source() + ")")
                .orElse("directly (" + reason + ")");
    }
}
