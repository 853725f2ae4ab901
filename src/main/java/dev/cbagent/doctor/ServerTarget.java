package dev.cbagent.doctor;

import dev.cbagent.profile.model.Profile;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the management server is, as the profile says: the API ({@code verify.apiUrl}, defaulted from
 * {@code registration.address}) and the address agents register with ({@code registration.address}).
 *
 * @param apiUrl      the API base URL
 * @param apiHost     its host
 * @param apiPort     its port (the scheme's default when the URL has none)
 * @param agentHost   the host agents connect to, or null when the profile registers nothing
 * @param gatewayPort the api-gateway port agents connect to (DIGEST 3.2; 9877 unless the address names one)
 */
public record ServerTarget(URI apiUrl, String apiHost, int apiPort, String agentHost, int gatewayPort) {
    public static final int DEFAULT_GATEWAY_PORT = 9877;
    public static final int DEFAULT_ZMQ_PORT = 7780;

    /** Empty when the profile names no server at all (or names it in a shape validation already rejects). */
    public static Optional<ServerTarget> from(Profile profile) {
        URI api = profile.verify().apiUrl() == null ? null : parse(profile.verify().apiUrl());
        if (api == null || api.getHost() == null || api.getScheme() == null) {
            return Optional.empty();
        }
        String agentHost = null;
        int gatewayPort = DEFAULT_GATEWAY_PORT;
        Optional<String> address = Optional.ofNullable(profile.registration().address());
        if (address.isPresent() && !profile.registration().skipped()) {
            URI agent = parse(address.get().contains("://") ? address.get() : "https://" + address.get());
            if (agent != null && agent.getHost() != null) {
                agentHost = unbracket(agent.getHost());
                gatewayPort = agent.getPort() > 0 ? agent.getPort()
                        : address.get().contains("://") ? defaultPort(agent.getScheme()) : DEFAULT_GATEWAY_PORT;
            }
        }
        int apiPort = api.getPort() > 0 ? api.getPort() : defaultPort(api.getScheme());
        return Optional.of(new ServerTarget(api, unbracket(api.getHost()), apiPort, agentHost, gatewayPort));
    }

    public boolean tls() {
        return "https".equalsIgnoreCase(apiUrl.getScheme());
    }

    public boolean registersAgent() {
        return agentHost != null;
    }

    private static int defaultPort(String scheme) {
        return "http".equals(scheme == null ? "" : scheme.toLowerCase(Locale.ROOT)) ? 80 : 443;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
