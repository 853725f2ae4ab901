package dev.cbagent.doctor;

import dev.cbagent.api.PublicKeyPins;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Words for a certificate: subject, issuer, expiry, pin. */
final class Certificates {
    private Certificates() {
    }

    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    static String issuer(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().getName();
    }

    static String pin(X509Certificate certificate) {
        return PublicKeyPins.of(certificate);
    }

    static String expiry(X509Certificate certificate, Instant now) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        LocalDate date = LocalDate.ofInstant(notAfter, ZoneOffset.UTC);
        long days = Duration.between(now, notAfter).toDays();
        if (notAfter.isBefore(now)) {
            return "expired on " + date;
        }
        return "expires " + date + " (in " + days + (days == 1 ? " day)" : " days)");
    }

    static String summary(X509Certificate certificate) {
        return "subject " + subject(certificate) + ", issuer " + issuer(certificate);
    }
}
