package dev.cbagent.fleet.ssh;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runs once, on a background thread, what the first SSH connections would otherwise all do at the same moment:
 * loading JSch and the JDK's providers for the algorithms an OpenSSH server negotiates by default
 * (curve25519 key exchange, Ed25519 keys, AES-GCM, SHA-256). Started while the host list and profiles are read,
 * so the first hosts connect with warm classes instead of twenty threads initialising them in turn. Nothing it
 * does is used afterwards; a failure only means the first connections do it themselves.
 */
public final class CryptoWarmup {
    private CryptoWarmup() {
    }

    public static void start() {
        Thread thread = new Thread(CryptoWarmup::run, "ssh-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            new com.jcraft.jsch.JSch();
            KeyPairGenerator xdh = KeyPairGenerator.getInstance("XDH");
            xdh.initialize(NamedParameterSpec.X25519);
            KeyPair ours = xdh.generateKeyPair();
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(ours.getPrivate());
            agreement.doPhase(xdh.generateKeyPair().getPublic(), true);
            byte[] secret = agreement.generateSecret();

            KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(ed.getPrivate());
            signer.update(secret);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(ed.getPublic());
            verifier.update(secret);
            verifier.verify(signature);

            byte[] key = MessageDigest.getInstance("SHA-256").digest(secret);
            byte[] iv = new byte[12];
            new SecureRandom().nextBytes(iv);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"), new GCMParameterSpec(128, iv));
            aes.doFinal(secret);
        } catch (GeneralSecurityException | RuntimeException e) {
            // the connections initialise what they need themselves
        }
    }
}
