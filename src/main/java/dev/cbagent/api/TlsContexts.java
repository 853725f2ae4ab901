package dev.cbagent.api;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.io.InputFiles;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the SSLContext for a {@link TrustConfig}. */
public final class TlsContexts {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private TlsContexts() {
    }

    /** Empty for the system default (the HTTP client then uses the JVM's own context). */
    public static Optional<SSLContext> create(TrustConfig trust) {
        try {
            if (trust instanceof TrustConfig.SystemDefault) {
                return Optional.empty();
            }
            TrustManager manager;
            if (trust instanceof TrustConfig.CaBundle bundle) {
                manager = caBundleManager(bundle);
            } else if (trust instanceof TrustConfig.PinnedPublicKey pinned) {
                manager = new PinnedKeyTrustManager(new HashSet<>(pinned.pins()));
            } else {
                manager = new InsecureTrustManager();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{manager}, null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw new CbagentException(ExitCode.SERVER_UNAVAILABLE, "TLS: cannot set up trust from " + trust.describe()
                    + " (" + e.getMessage() + ")", e);
        }
    }

    static List<X509Certificate> readPem(byte[] pem) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher matcher = PEM.matcher(new String(pem, StandardCharsets.US_ASCII));
        while (matcher.find()) {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
            certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
        return certificates;
    }

    private static TrustManager caBundleManager(TrustConfig.CaBundle bundle) throws GeneralSecurityException {
        byte[] pem;
        try {
            pem = InputFiles.readAllBytes(bundle.file());
        } catch (InputFiles.RefusedFileException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "TLS: the CA bundle " + bundle.file() + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "TLS: cannot read the CA bundle " + bundle.file()
                    + " (" + e.getClass().getSimpleName() + ")", e);
        }
        List<X509Certificate> certificates = readPem(pem);
        if (certificates.isEmpty()) {
            throw new CbagentException(ExitCode.INVALID_INPUT,
                    "TLS: the CA bundle " + bundle.file() + " holds no PEM certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers()[0];
    }
}
