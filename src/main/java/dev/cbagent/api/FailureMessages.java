package dev.cbagent.api;

import dev.cbagent.error.Causes;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.error.Redactor;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;

/** Turns a transport failure into one sentence a user can act on (exit 6). Never quotes a secret. */
final class FailureMessages {
    private final URI baseUrl;
    private final TrustConfig trust;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Redactor redactor;

    FailureMessages(ApiConfig config) {
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
        Throwable tls = Causes.find(failure, SSLException.class);
        if (tls != null) {
            return tlsSentence(failure);
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return "cannot connect to the management server at " + baseUrl + ": no answer within " + human(connectTimeout);
        }
        if (failure instanceof HttpTimeoutException) {
            return "the management server at " + baseUrl + " did not answer within " + human(requestTimeout);
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
        return "cannot talk to the management server at " + baseUrl + ": " + Causes.rootMessage(failure);
    }

    private String tlsSentence(IOException failure) {
        PinnedKeyTrustManager.PinMismatchException pin = Causes.find(failure, PinnedKeyTrustManager.PinMismatchException.class);
        if (pin != null) {
            return "TLS: the server certificate at " + baseUrl + " does not match the pinned public key ("
                    + pin.getMessage() + ")";
        }
        if (Causes.find(failure, CertPathBuilderException.class) != null || Causes.find(failure, CertPathValidatorException.class) != null) {
            return "TLS: the server certificate at " + baseUrl + " is not trusted (it is not issued by a CA in "
                    + trust.describe() + ")";
        }
        CertificateException certificate = Causes.find(failure, CertificateException.class);
        if (certificate != null) {
            String message = String.valueOf(certificate.getMessage());
            if (message.toLowerCase(Locale.ROOT).contains("no subject alternative")
                    || message.toLowerCase(Locale.ROOT).contains("no name matching")) {
                return "TLS: the server certificate at " + baseUrl + " is not trusted (it does not name the host '"
                        + baseUrl.getHost() + "')";
            }
            return "TLS: the server certificate at " + baseUrl + " is not trusted (" + message + ")";
        }
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("unrecognized ssl message") || message.contains("unsupported or unrecognized")) {
            return "TLS: the handshake with " + baseUrl + " failed: the server does not speak TLS on this port (try http://)";
        }
        return "TLS: the handshake with " + baseUrl + " failed (" + Causes.rootMessage(failure) + ")";
    }



    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return duration.toMillis() + " ms";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
