package dev.cbagent.doctor;

import dev.cbagent.error.Causes;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.Locale;

/** Why a TLS handshake failed, in words a user can act on. */
final class TlsFailures {
    private TlsFailures() {
    }

    /** Failures before trust is even considered: no connection, no TLS. Null when it is a trust failure. */
    static String connection(IOException failure, String host, int port, Duration timeout) {
        String where = Hosts.hostPort(host, port);
        if (Causes.find(failure, UnknownHostException.class) != null) {
            return "cannot resolve '" + host + "'";
        }
        if (Causes.find(failure, ConnectException.class) != null) {
            return "cannot connect to " + where + " (connection refused)";
        }
        if (failure instanceof TlsProbe.NoTlsAnswer) {
            return where + " accepts connections but gave no TLS answer within " + Hosts.human(timeout)
                    + " (is the API plain http://?)";
        }
        if (Causes.find(failure, SocketTimeoutException.class) != null) {
            return "no answer from " + where + " within " + Hosts.human(timeout);
        }
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("unrecognized ssl message") || message.contains("unsupported or unrecognized")
                || message.contains("plaintext connection")) {
            return where + " does not speak TLS (is the API plain http://?)";
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

    /** Why the server's certificate is not trusted; {@code trustWords} is TrustConfig.describe(). */
    static String trust(IOException failure, String host, String trustWords) {
        CertificateException certificate = Causes.find(failure, CertificateException.class);
        String message = certificate == null ? "" : String.valueOf(certificate.getMessage());
        if (message.contains("pinned")) {
            return "does not match verify.pinnedPublicKey: " + message;
        }
        if (Causes.find(failure, CertificateExpiredException.class) != null) {
            return "has expired";
        }
        if (Causes.find(failure, CertificateNotYetValidException.class) != null) {
            return "is not valid yet (check this machine's clock)";
        }
        if (Causes.find(failure, CertPathBuilderException.class) != null || Causes.find(failure, CertPathValidatorException.class) != null) {
            return "is not issued by a CA in " + trustWords;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return "does not name the host '" + host + "'";
        }
        return "is not accepted (" + Causes.rootMessage(failure) + ")";
    }


}
