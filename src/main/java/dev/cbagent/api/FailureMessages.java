package dev.cbagent.api;

import dev.cbagent.error.Causes;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.error.Redactor;
import dev.cbagent.text.Durations;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;

/** Turns a transport failure into one sentence a user can act on (exit 6). Never quotes a secret. */
final class FailureMessages {
    private final URI baseUrl;
    private final TrustConfig trust;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Redactor redactor;
    private final ProxyRoute route;

    FailureMessages(ApiConfig config, ProxyRoute route) {
        this.route = route;
        this.baseUrl = config.baseUrl();
        this.trust = config.trust();
        this.connectTimeout = config.connectTimeout();
        this.requestTimeout = config.requestTimeout();
        this.redactor = config.redactor();
    }

    CbagentException of(IOException failure) {
        return new CbagentException(ExitCode.SERVER_UNAVAILABLE, redactor.redact(sentence(failure)), failure);
    }

    private String sentence(IOException failure) {
        ProxyEndpoint proxy = route.proxy().orElse(null);
        String tunnel = proxy == null ? null : proxyFailure(failure, proxy);
        if (tunnel != null) {
            return tunnel;
        }
        if (TlsFailures.isTls(failure)) {
            return tlsSentence(failure);
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return "cannot connect to the management server at " + baseUrl + ": no answer within " + Durations.format(connectTimeout)
                    + viaProxy();
        }
        if (failure instanceof HttpTimeoutException) {
            return "the management server at " + baseUrl + " did not answer within " + Durations.format(requestTimeout) + viaProxy();
        }
        if (Causes.find(failure, UnresolvedAddressException.class) != null || Causes.find(failure, UnknownHostException.class) != null) {
            return "cannot connect to the management server at " + baseUrl + ": the host name '" + baseUrl.getHost()
                    + "' cannot be resolved";
        }
        if (Causes.find(failure, NoRouteToHostException.class) != null) {
            return "cannot connect to the management server at " + baseUrl + ": no route to host";
        }
        if (Causes.find(failure, ConnectException.class) != null) {
            return "cannot connect to the management server at " + baseUrl + ": connection refused";
        }
        return "cannot talk to the management server at " + baseUrl + viaProxy() + ": " + Causes.rootMessage(failure);
    }

    /**
     * Through a proxy the client only ever connects to the proxy: a refused or unanswered connection, or a name
     * that does not resolve, is the proxy's; a CONNECT answered with an error is the proxy refusing the tunnel.
     */
    private String proxyFailure(IOException failure, ProxyEndpoint proxy) {
        String which = "the proxy " + proxy.shown() + " (" + proxy.source() + ")";
        String purpose = " on the way to the management server at " + baseUrl;
        if (failure instanceof HttpConnectTimeoutException && !TlsFailures.isTls(failure)) {
            return "cannot connect to " + which + purpose + ": no answer within " + Durations.format(connectTimeout);
        }
        if (Causes.find(failure, UnresolvedAddressException.class) != null || Causes.find(failure, UnknownHostException.class) != null) {
            return "cannot connect to " + which + ": the host name '" + proxy.host() + "' cannot be resolved";
        }
        if (Causes.find(failure, ConnectException.class) != null || Causes.find(failure, NoRouteToHostException.class) != null) {
            return "cannot connect to " + which + purpose + ": " + (Causes.find(failure, NoRouteToHostException.class) != null
                    ? "no route to host" : "connection refused");
        }
        String message = String.valueOf(failure.getMessage());
        if (message.contains("Unable to tunnel through proxy")) {
            int quote = message.indexOf('"');
            String status = quote >= 0 ? message.substring(quote + 1, Math.max(quote + 1, message.lastIndexOf('"'))) : message;
            return which + " refused to connect to " + baseUrl.getHost() + ":" + port() + " (" + status + ")"
                    + (status.contains(" 407") ? ": it wants a login; give it in the proxy URL (http://user:password@host:port)" : "");
        }
        return null;
    }

    private String tlsSentence(IOException failure) {
        Optional<String> certificate = TlsFailures.certificateProblem(failure, baseUrl.getHost(), trust);
        if (certificate.isPresent()) {
            String why = certificate.get();
            return "TLS: the server certificate at " + baseUrl
                    + (why.startsWith("does not match") ? " " + why : " is not trusted (it " + why + ")");
        }
        if (TlsFailures.answeredNotTls(failure)) {
            return "TLS: the handshake with " + baseUrl + " failed: " + (answersPlainHttp(Duration.ofSeconds(2))
                    ? PlainHttpProbe.SENTENCE : "the server does not speak TLS on this port");
        }
        return "TLS: the handshake with " + baseUrl + " failed (" + Causes.rootMessage(failure) + ")";
    }

    /** Whether the server's port answers plain HTTP (asked with a fresh connection, the way the client goes). */
    boolean answersPlainHttp(Duration timeout) {
        return PlainHttpProbe.answersPlainHttp(unbracketed(baseUrl.getHost()), port(), route, timeout);
    }

    /** The sentence for a TLS server that turned out to answer in plain HTTP. */
    CbagentException plainHttp() {
        return new CbagentException(ExitCode.SERVER_UNAVAILABLE, "TLS: the handshake with " + baseUrl + " failed: "
                + PlainHttpProbe.SENTENCE);
    }

    private String viaProxy() {
        return route.proxy().map(p -> " through the proxy " + p.shown() + " (" + p.source() + ")").orElse("");
    }

    private int port() {
        return baseUrl.getPort() > 0 ? baseUrl.getPort() : "http".equalsIgnoreCase(baseUrl.getScheme()) ? 80 : 443;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
