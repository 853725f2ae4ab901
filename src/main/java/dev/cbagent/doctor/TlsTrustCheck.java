package dev.cbagent.doctor;

import dev.cbagent.api.ProxyRoute;
import dev.cbagent.api.TrustConfig;
import dev.cbagent.api.TrustContexts;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;

/** The TLS handshake succeeds and the server is trusted the way the profile says (CA bundle, pin, system store). */
final class TlsTrustCheck implements Check {
    private final TlsProbe probe;
    private final String host;
    private final int port;
    private final TrustConfig trust;
    private final java.time.Duration timeout;

    private final ProxyRoute route;

    TlsTrustCheck(String host, int port, TrustConfig trust, ProxyRoute route, java.time.Duration timeout) {
        this.route = route;
        this.probe = new TlsProbe(host, port, route, timeout);
        this.host = host;
        this.port = port;
        this.trust = trust;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public ExitCode failureCode() {
        return ExitCode.SERVER_UNAVAILABLE;
    }

    @Override
    public CheckResult run() {
        List<X509Certificate> chain;
        try {
            chain = probe.presentedChain();
        } catch (IOException e) {
            String why = TlsFailures.connection(e, host, port, route, timeout);
            return fail(why == null ? "the TLS handshake with " + Hosts.hostPort(host, port) + " failed" : why);
        }
        X509Certificate leaf = chain.get(0);
        SSLContext context;
        try {
            context = TrustContexts.forTrust(trust);
        } catch (CbagentException e) {
            return CheckResult.fail(name(), e.exitCode(), e.getMessage());
        }
        try {
            String protocol = probe.handshake(context, trust.verifiesHostname());
            if (trust instanceof TrustConfig.Insecure) {
                return CheckResult.warn(name(), protocol + ", but certificate checks are off (verify.insecure): "
                        + "anyone on the path can read the API password; pin the key instead: verify.pinnedPublicKey: "
                        + Certificates.pin(leaf));
            }
            return CheckResult.ok(name(), protocol + ", trusted by " + trust.describe()
                    + (trust.verifiesHostname() ? ", names the host " + host : ""));
        } catch (IOException e) {
            String connection = TlsFailures.connection(e, host, port, route, timeout);
            if (connection != null) {
                return fail(connection);
            }
            return fail("the server certificate is not trusted: it " + TlsFailures.trust(e, host, trust)
                    + " (" + Certificates.summary(leaf) + "); trust its CA with verify.caBundle, or pin it: "
                    + "verify.pinnedPublicKey: " + Certificates.pin(leaf));
        }
    }

    private CheckResult fail(String detail) {
        return CheckResult.fail(name(), failureCode(), detail);
    }
}
