package dev.cbagent.doctor;

import dev.cbagent.api.PlainHttpProbe;
import dev.cbagent.api.ProxyRoute;
import dev.cbagent.api.TrustConfig;
import dev.cbagent.api.Tunnels;
import dev.cbagent.error.Causes;
import dev.cbagent.text.Durations;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;

/** Why a TLS handshake failed, in words a user can act on. */
final class TlsFailures {
    private TlsFailures() {
    }

    /** Failures before trust is even considered: no connection, no TLS. Null when it is a trust failure. */
    static String connection(IOException failure, String host, int port, ProxyRoute route, Duration timeout) {
        String where = Hosts.hostPort(host, port);
        if (failure instanceof Tunnels.ProxyUnreachable || failure instanceof Tunnels.ProxyRefused) {
            return failure.getMessage();
        }
        if (Causes.find(failure, UnknownHostException.class) != null) {
            return "cannot resolve '" + host + "'";
        }
        if (Causes.find(failure, ConnectException.class) != null) {
            return "cannot connect to " + where + " (connection refused)";
        }
        if (failure instanceof TlsProbe.NoTlsAnswer || dev.cbagent.api.TlsFailures.answeredNotTls(failure)) {
            // a plain HTTP server answers at once; half the time is left for the check's own deadline
            if (PlainHttpProbe.answersPlainHttp(host, port, route, timeout.dividedBy(2))) {
                return where + ": " + PlainHttpProbe.SENTENCE;
            }
            return failure instanceof TlsProbe.NoTlsAnswer ? where + " accepts connections but gave no TLS answer within "
                    + Durations.format(timeout) : where + " does not speak TLS";
        }
        if (Causes.find(failure, SocketTimeoutException.class) != null) {
            return "no answer from " + where + " within " + Durations.format(timeout);
        }
        if (failure instanceof SSLException && Causes.find(failure, CertificateException.class) == null
                && Causes.find(failure, CertPathValidatorException.class) == null) {
            return "the TLS handshake with " + where + " failed (" + Causes.rootMessage(failure) + ")";
        }
        if (!(failure instanceof SSLException)) {
            return "cannot connect to " + where + " (" + Causes.rootMessage(failure) + ")";
        }
        return null;
    }

    /** Why the server's certificate is not trusted: the API client's own translation. */
    static String trust(IOException failure, String host, TrustConfig trust) {
        return dev.cbagent.api.TlsFailures.certificateProblem(failure, host, trust)
                .orElseGet(() -> "is not accepted (" + Causes.rootMessage(failure) + ")");
    }
}
