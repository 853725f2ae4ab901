package dev.cbagent.api;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/** Which server certificates the client accepts. */
public sealed interface TrustConfig {

    /** The JVM's trust store; host names are checked. */
    record SystemDefault() implements TrustConfig {
        @Override
        public String describe() {
            return "the system trust store";
        }
    }

    /** CA certificates from a PEM file; host names are checked. */
    record CaBundle(Path file) implements TrustConfig {
        public CaBundle {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String describe() {
            return "the CA bundle " + file;
        }
    }

    /**
     * Accept the server whose leaf certificate's public key (SubjectPublicKeyInfo) hashes to one of the pins,
     * whoever issued it and whatever host name it names.
     *
     * @param pins one or more {@code sha256//<base64>} values
     */
    record PinnedPublicKey(List<String> pins) implements TrustConfig {
        public PinnedPublicKey {
            pins = List.copyOf(pins);
            if (pins.isEmpty()) {
                throw new IllegalArgumentException("at least one pinned public key is needed");
            }
            for (String pin : pins) {
                checkPin(pin);
            }
        }

        @Override
        public String describe() {
            return "the pinned public key";
        }

        @Override
        public boolean verifiesHostname() {
            return false;
        }

        private static void checkPin(String pin) {
            if (pin == null || !pin.startsWith(PublicKeyPins.PREFIX)) {
                throw new IllegalArgumentException("a pinned public key looks like sha256//<base64 of 32 bytes>");
            }
            byte[] hash;
            try {
                hash = Base64.getDecoder().decode(pin.substring(PublicKeyPins.PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a pinned public key must be base64 after sha256//", e);
            }
            if (hash.length != 32) {
                throw new IllegalArgumentException("a pinned public key must be a SHA-256 hash (32 bytes), got " + hash.length);
            }
        }
    }

    /** Accept any certificate and any host name. The caller warns the user loudly. */
    record Insecure() implements TrustConfig {
        @Override
        public String describe() {
            return "nothing (certificate checks are off)";
        }

        @Override
        public boolean verifiesHostname() {
            return false;
        }
    }

    /** Words for messages: "not issued by a CA in ...". */
    String describe();

    default boolean verifiesHostname() {
        return true;
    }

    static TrustConfig systemDefault() {
        return new SystemDefault();
    }

    static TrustConfig caBundle(Path pemFile) {
        return new CaBundle(pemFile);
    }

    /** One pin, or several separated by {@code ;} (as curl's {@code --pinnedpubkey}). */
    static TrustConfig pinnedPublicKey(String pins) {
        Objects.requireNonNull(pins, "pins");
        return new PinnedPublicKey(List.of(pins.trim().split("\\s*;\\s*")));
    }

    static TrustConfig insecure() {
        return new Insecure();
    }
}
