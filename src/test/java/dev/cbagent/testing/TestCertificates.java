package dev.cbagent.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/** A test CA and server certificates made on the fly with BouncyCastle. */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A CA that can issue server certificates. */
    public record Authority(KeyPair keys, X509Certificate certificate) {
        public static Authority create(String name) {
            try {
                KeyPair keys = keyPair();
                X500Name subject = new X500Name("CN=" + name);
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(), notBefore(),
                        notAfter(), subject, keys.getPublic());
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
                return new Authority(keys, certificate);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** A server certificate for 127.0.0.1 and localhost (or only the given DNS name). */
        public Server issueServer(String... dnsNames) {
            try {
                KeyPair serverKeys = keyPair();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        new X500Name(certificate.getSubjectX500Principal().getName()), serial(), notBefore(), notAfter(),
                        new X500Name("CN=sandbox"), serverKeys.getPublic());
                GeneralName[] names;
                if (dnsNames.length == 0) {
                    names = new GeneralName[]{new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")};
                } else {
                    names = new GeneralName[dnsNames.length];
                    for (int i = 0; i < dnsNames.length; i++) {
                        names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
                    }
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
                return new Server(serverKeys, leaf, certificate);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public Path writePem(Path file) throws IOException {
            Files.writeString(file, pem(certificate), StandardCharsets.US_ASCII);
            return file;
        }
    }

    /** A server's key and certificate chain. */
    public record Server(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {
        public SSLContext sslContext() {
            try {
                char[] password = "test".toCharArray();
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", keys.getPrivate(), password, new Certificate[]{certificate, issuer});
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, password);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(factory.getKeyManagers(), null, null);
                return context;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestCertificates() {
    }

    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(1, ChronoUnit.DAYS));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(30, ChronoUnit.DAYS));
    }
}
