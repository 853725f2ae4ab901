package dev.cbagent.fleet.ssh;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The lines of a known_hosts file as OpenSSH reads them, for what JSch does not do: {@code @revoked} markers
 * (a revoked key is refused for every host its patterns match, {@code @revoked *} for all), host patterns with
 * {@code *}, {@code ?} and {@code !negation}, hashed names ({@code |1|salt|hash}), and the question which keys of
 * any type are known for a host.
 */
final class KnownHostsEntries {
    /** One key line: its marker ("" or "@revoked" or "@cert-authority"), host patterns, key type and key blob. */
    record Entry(String marker, String hosts, String type, byte[] key) {
        boolean isRevoked() {
            return marker.equals("@revoked");
        }

        boolean isPlain() {
            return marker.isEmpty();
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    static KnownHostsEntries parse(String text) {
        KnownHostsEntries out = new KnownHostsEntries();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            int i = 0;
            String marker = "";
            if (f[0].startsWith("@")) {
                marker = f[0].toLowerCase(Locale.ROOT);
                i = 1;
            }
            if (f.length < i + 3) {
                continue;
            }
            try {
                out.entries.add(new Entry(marker, f[i], f[i + 1], Base64.getDecoder().decode(f[i + 2])));
            } catch (IllegalArgumentException e) {
                // a line OpenSSH would skip too
            }
        }
        return out;
    }

    synchronized void add(String host, String type, byte[] key) {
        entries.add(new Entry("", host, type, key.clone()));
    }

    /** True when a {@code @revoked} line whose patterns match {@code host} holds exactly this key. */
    synchronized boolean revoked(String host, byte[] key) {
        for (Entry e : entries) {
            if (e.isRevoked() && Arrays.equals(e.key(), key) && matchesAny(e.hosts(), host)) {
                return true;
            }
        }
        return false;
    }

    /** The plain (unmarked) keys known for {@code host}, of every type. */
    synchronized List<Entry> keysFor(String host) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.isPlain() && matchesAny(e.hosts(), host)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The names a host is looked up by: as given ({@code [addr]:port} off port 22), and bare, as JSch does. */
    private static List<String> lookupNames(String host) {
        if (host.startsWith("[") && host.indexOf("]:") > 1) {
            return List.of(host, host.substring(1, host.indexOf("]:")));
        }
        return List.of(host);
    }

    private static boolean matchesAny(String patterns, String host) {
        for (String name : lookupNames(host)) {
            if (matches(patterns, name)) {
                return true;
            }
        }
        return false;
    }

    /** OpenSSH's host pattern list: a negated match wins; else any positive match; hashed entries by HMAC-SHA1. */
    static boolean matches(String patterns, String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (patterns.startsWith("|1|")) {
            return hashedMatches(patterns, name);
        }
        boolean positive = false;
        for (String p : patterns.split(",")) {
            if (p.startsWith("!")) {
                if (glob(p.substring(1).toLowerCase(Locale.ROOT), name)) {
                    return false;
                }
            } else if (glob(p.toLowerCase(Locale.ROOT), name)) {
                positive = true;
            }
        }
        return positive;
    }

    private static boolean hashedMatches(String entry, String host) {
        String[] parts = entry.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return MessageDigest.isEqual(hash, mac.doFinal(host.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** {@code *} any run of characters, {@code ?} one character, everything else itself. */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** The key type named inside an SSH public key blob ({@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, ...). */
    static String typeOf(byte[] blob) {
        if (blob.length < 4) {
            return "unknown";
        }
        int length = ByteBuffer.wrap(blob, 0, 4).getInt();
        if (length <= 0 || length > blob.length - 4 || length > 64) {
            return "unknown";
        }
        return new String(blob, 4, length, StandardCharsets.US_ASCII);
    }
}
