package dev.cbagent.api;

import dev.cbagent.error.Causes;

import javax.net.ssl.SSLException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a TLS handshake failed, by the exception types in its chain: the one translation the API client and
 * {@code doctor} share. Phrases complete "the server certificate ...".
 */
public final class TlsFailures {
    private TlsFailures() {
    }

    /** True when the failure happened in TLS at all (handshake, certificate, or an answer that is not TLS). */
    public static boolean isTls(Throwable failure) {
        return Causes.find(failure, SSLException.class) != null || Causes.find(failure, CertificateException.class) != null;
    }

    /**
     * True when the port answered with something that is not a TLS record: the JDK has no exception type of its
     * own for it, only the message of a plain {@link SSLException}.
     */
    public static boolean answeredNotTls(Throwable failure) {
        SSLException tls = Causes.find(failure, SSLException.class);
        if (tls == null || Causes.find(failure, CertificateException.class) != null) {
            return false;
        }
        String message = String.valueOf(tls.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("unrecognized ssl message") || message.contains("unsupported or unrecognized")
                || message.contains("plaintext connection");
    }

    /**
     * Why the server's certificate was refused, e.g. "is not issued by a CA in the CA bundle ca.pem"; empty when the
     * failure is not about the certificate.
     */
    public static Optional<String> certificateProblem(Throwable failure, String host, TrustConfig trust) {
        PinnedKeyTrustManager.PinMismatchException pin = Causes.find(failure, PinnedKeyTrustManager.PinMismatchException.class);
        if (pin != null) {
            return Optional.of("does not match the pinned public key (" + pin.getMessage() + ")");
        }
        if (Causes.find(failure, CertificateExpiredException.class) != null) {
            return Optional.of("has expired");
        }
        if (Causes.find(failure, CertificateNotYetValidException.class) != null) {
            return Optional.of("is not valid yet (check this machine's clock)");
        }
        if (Causes.find(failure, CertPathBuilderException.class) != null || Causes.find(failure, CertPathValidatorException.class) != null) {
            return Optional.of("is not issued by a CA in " + trust.describe());
        }
        CertificateException certificate = Causes.find(failure, CertificateException.class);
        if (certificate == null) {
            return Optional.empty();
        }
        String message = String.valueOf(certificate.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return Optional.of("does not name the host '" + host + "'");
        }
        return Optional.of("is not accepted (" + message + ")");
    }
}
