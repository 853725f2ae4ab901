package dev.cbagent.doctor;

import dev.cbagent.api.ProxyRoute;
import dev.cbagent.api.Tunnels;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/** TLS handshakes with the server: one that accepts anything to see its certificate, one with the real trust. */
final class TlsProbe {
    private final String host;
    private final int port;
    private final Duration timeout;
    private final ProxyRoute route;

    TlsProbe(String host, int port, ProxyRoute route, Duration timeout) {
        this.host = host;
        this.port = port;
        this.route = route;
        this.timeout = timeout;
    }

    /** The chain the server presents (leaf first), whoever issued it. */
    List<X509Certificate> presentedChain() throws IOException {
        Recorder recorder = new Recorder();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{recorder}, null);
            handshake(context, false);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage(), e);
        }
        if (recorder.chain == null || recorder.chain.length == 0) {
            throw new IOException("the server sent no certificate");
        }
        return List.of(recorder.chain);
    }

    /** A handshake as the API client does it; returns the protocol, throws when the server is not trusted. */
    String handshake(SSLContext context, boolean verifyHostname) throws IOException {
        Socket plain = Tunnels.open(host, port, route, timeout);
        try {
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true)) {
                SSLParameters parameters = socket.getSSLParameters();
                if (verifyHostname) {
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                }
                if (!DnsCheck.isLiteral(host)) {
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                }
                socket.setSSLParameters(parameters);
                try {
                    socket.startHandshake();
                } catch (SocketTimeoutException e) {
                    throw new NoTlsAnswer(e);
                }
                return socket.getSession().getProtocol();
            }
        } finally {
            plain.close();
        }
    }

    /** The port accepted the connection but sent no TLS answer in time (often: a plain HTTP server waiting). */
    static final class NoTlsAnswer extends IOException {
        NoTlsAnswer(SocketTimeoutException cause) {
            super("no TLS answer", cause);
        }
    }

    /** Accepts any server certificate and remembers it. */
    private static final class Recorder extends X509ExtendedTrustManager {
        private volatile X509Certificate[] chain;

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType) {
            chain = presented;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) {
            chain = presented;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
            chain = presented;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
