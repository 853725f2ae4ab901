package dev.cbagent.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.util.Base64;

/** The {@code sha256//<base64>} pin of a certificate's SubjectPublicKeyInfo, as curl and the vendor installer use. */
public final class PublicKeyPins {
    public static final String PREFIX = "sha256//";

    private PublicKeyPins() {
    }

    public static String of(Certificate certificate) {
        return of(certificate.getPublicKey());
    }

    public static String of(PublicKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return PREFIX + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
