package dev.cbagent.api;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * Trusts a server whose leaf certificate's public key matches a pin, whoever issued it. Being an
 * {@link X509ExtendedTrustManager}, it also takes over the host name check, which it skips on purpose.
 */
final class PinnedKeyTrustManager extends X509ExtendedTrustManager {
    private final Set<String> pins;

    PinnedKeyTrustManager(Set<String> pins) {
        this.pins = Set.copyOf(pins);
    }

    /** The server's key is not the pinned one; the message names the key the server presented. */
    static final class PinMismatchException extends CertificateException {
        PinMismatchException(String presented) {
            super("the server presents the public key " + presented + ", which is not the pinned one");
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        String presented = PublicKeyPins.of(chain[0]);
        if (!pins.contains(presented)) {
            throw new PinMismatchException(presented);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
