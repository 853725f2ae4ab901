package dev.cbagent.doctor;

import dev.cbagent.api.ProxyRoute;
import dev.cbagent.error.ExitCode;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The server certificate's subject, issuer, expiry and SPKI pin; expiring soon warns, expired fails. */
final class CertificateCheck implements Check {
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    private final TlsProbe probe;
    private final String host;
    private final int port;
    private final Duration timeout;
    private final Clock clock;

    private final ProxyRoute route;

    CertificateCheck(String host, int port, ProxyRoute route, Duration timeout, Clock clock) {
        this.route = route;
        this.probe = new TlsProbe(host, port, route, timeout);
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "certificate";
    }

    @Override
    public ExitCode failureCode() {
        return ExitCode.SERVER_UNAVAILABLE;
    }

    @Override
    public CheckResult run() {
        X509Certificate leaf;
        try {
            leaf = probe.presentedChain().get(0);
        } catch (IOException e) {
            String why = TlsFailures.connection(e, host, port, route, timeout);
            return CheckResult.fail(name(), failureCode(), "not seen: "
                    + (why == null ? "the TLS handshake with " + Hosts.hostPort(host, port) + " failed" : why));
        }
        Instant now = clock.instant();
        String detail = Certificates.summary(leaf) + ", " + Certificates.expiry(leaf, now) + ", pin "
                + Certificates.pin(leaf);
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (notAfter.isBefore(now)) {
            return CheckResult.fail(name(), failureCode(), detail);
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            return CheckResult.fail(name(), failureCode(), detail + "; not valid before "
                    + leaf.getNotBefore().toInstant() + " (check this machine's clock)");
        }
        if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
            return CheckResult.warn(name(), detail);
        }
        return CheckResult.ok(name(), detail);
    }
}
