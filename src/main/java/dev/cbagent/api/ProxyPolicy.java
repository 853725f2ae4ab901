package dev.cbagent.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which proxy the API client uses, in this order: the profile's {@code verify.proxy} ({@code none}, or a URL used
 * for every server), else the environment: {@code https_proxy} (then {@code HTTPS_PROXY}) for https:// servers,
 * {@code http_proxy} (then {@code HTTP_PROXY}) for http:// ones, except for hosts that {@code no_proxy} (then
 * {@code NO_PROXY}) lists and for loopback addresses ({@code localhost}, 127.0.0.0/8, ::1), which are always reached
 * directly, as Go and the JDK's defaults do.
 */
public sealed interface ProxyPolicy {

    /** {@code verify.proxy: none}: always directly, whatever the environment says. */
    record None() implements ProxyPolicy {
        @Override
        public ProxyRoute route(URI target) {
            return ProxyRoute.direct("verify.proxy: none");
        }

        @Override
        public List<String> secrets() {
            return List.of();
        }
    }

    /** {@code verify.proxy: http://host:port}: this proxy for every server, loopback included. */
    record Fixed(ProxyEndpoint proxy) implements ProxyPolicy {
        @Override
        public ProxyRoute route(URI target) {
            return ProxyRoute.via(proxy);
        }

        @Override
        public List<String> secrets() {
            return proxy.secrets();
        }
    }

    /** The {@code *_proxy} variables of an environment. */
    record Environment(Map<String, String> variables) implements ProxyPolicy {
        public Environment {
            variables = Map.copyOf(variables);
        }

        @Override
        public ProxyRoute route(URI target) {
            String scheme = target.getScheme() == null ? "https" : target.getScheme().toLowerCase(Locale.ROOT);
            String variable = scheme + "_proxy";
            Optional<String> name = set(variable).or(() -> set(variable.toUpperCase(Locale.ROOT)));
            if (name.isEmpty()) {
                return ProxyRoute.direct("no " + variable + " set");
            }
            String host = NoProxy.normalise(target.getHost());
            if (isLoopback(host)) {
                return ProxyRoute.direct("loopback address: " + name.get() + " is not used for it");
            }
            int port = target.getPort() > 0 ? target.getPort() : scheme.equals("http") ? 80 : 443;
            Optional<String> noProxyName = set("no_proxy").or(() -> set("NO_PROXY"));
            if (noProxyName.isPresent()) {
                Optional<String> entry = NoProxy.parse(variables.get(noProxyName.get())).match(host, port);
                if (entry.isPresent()) {
                    return ProxyRoute.direct(noProxyName.get() + " entry " + entry.get());
                }
            }
            return ProxyRoute.via(ProxyEndpoint.parse(variables.get(name.get()), name.get()));
        }

        @Override
        public List<String> secrets() {
            List<String> out = new ArrayList<>();
            for (String name : List.of("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY")) {
                set(name).ifPresent(n -> {
                    try {
                        out.addAll(ProxyEndpoint.parse(variables.get(n), n).secrets());
                    } catch (RuntimeException e) {
                        // not a proxy URL: any message about it masks what stands before the @ anyway
                    }
                });
            }
            return out;
        }

        private Optional<String> set(String name) {
            String value = variables.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(name);
        }

        private static boolean isLoopback(String host) {
            return host.equals("localhost") || host.endsWith(".localhost")
                    || IpRange.parse(host).map(IpRange::isLoopback).orElse(false);
        }
    }

    /** How requests to {@code target} travel. */
    ProxyRoute route(URI target);

    /** The proxy passwords this policy may use, for redaction. */
    List<String> secrets();

    static ProxyPolicy none() {
        return new None();
    }

    static ProxyPolicy environment() {
        return new Environment(System.getenv());
    }

    /**
     * The profile's {@code verify.proxy} ({@code none} or a URL), or the environment when it is null.
     *
     * @throws dev.cbagent.error.CbagentException exit 2 for a value that is no proxy URL
     */
    static ProxyPolicy of(String profileSetting, Map<String, String> environment) {
        if (profileSetting == null) {
            return new Environment(environment);
        }
        if (profileSetting.strip().equalsIgnoreCase("none")) {
            return none();
        }
        return new Fixed(ProxyEndpoint.parse(profileSetting, "verify.proxy"));
    }
}
