package dev.cbagent.doctor;

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
        if (find(failure, UnknownHostException.class) != null) {
            return "cannot resolve '" + host + "'";
        }
        if (find(failure, ConnectException.class) != null) {
            return "cannot connect to " + where + " (connection refused)";
        }
        if (failure instanceof TlsProbe.NoTlsAnswer) {
            return where + " accepts connections but gave no TLS answer within " + Hosts.human(timeout)
                    + " (is the API plain http://?)";
        }
        if (find(failure, SocketTimeoutException.class) != null) {
            return "no answer from " + where + " within " + Hosts.human(timeout);
        }
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("unrecognized ssl message") || message.contains("unsupported or unrecognized")
                || message.contains("plaintext connection")) {
            return where + " does not speak TLS (is the API plain http://?)";
        }
        if (failure instanceof SSLException && find(failure, CertificateException.class) == null
                && find(failure, CertPathValidatorException.class) == null) {
            return "the TLS handshake with " + where + " failed (" + root(failure) + ")";
        }
        if (!(failure instanceof SSLException)) {
            return "cannot connect to " + where + " (" + root(failure) + ")";
        }
        return null;
    }

    /** Why the server's certificate is not trusted; {@code trustWords} is TrustConfig.describe(). */
    static String trust(IOException failure, String host, String trustWords) {
        CertificateException certificate = find(failure, CertificateException.class);
        String message = certificate == null ? "" : String.valueOf(certificate.getMessage());
        if (message.contains("pinned")) {
            return "does not match verify.pinnedPublicKey: " + message;
        }
        if (find(failure, CertificateExpiredException.class) != null) {
            return "has expired";
        }
        if (find(failure, CertificateNotYetValidException.class) != null) {
            return "is not valid yet (check this machine's clock)";
        }
        if (find(failure, CertPathBuilderException.class) != null || find(failure, CertPathValidatorException.class) != null) {
            return "is not issued by a CA in " + trustWords;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return "does not name the host '" + host + "'";
        }
        return "is not accepted (" + root(failure) + ")";
    }

    private static String root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
