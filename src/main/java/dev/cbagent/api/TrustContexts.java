package dev.cbagent.api;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;

/** The SSLContext the API client would use for a {@link TrustConfig}, for callers that open TLS sockets themselves. */
public final class TrustContexts {
    private TrustContexts() {
    }

    /** The context for this trust; the JVM's default context for the system trust store. */
    public static SSLContext forTrust(TrustConfig trust) {
        return TlsContexts.create(trust).orElseGet(TrustContexts::systemDefault);
    }

    private static SSLContext systemDefault() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new CbagentException(ExitCode.INTERNAL, "TLS is not available in this JVM", e);
        }
    }
}
