package dev.cbagent.error;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces every known secret value in a text with {@code ******}; used on logs, tool output and messages.
 * <p>
 * A secret is also masked in the forms it travels in: URL-encoded (query strings, form bodies) and base64
 * (an HTTP Basic {@code Authorization} header holds base64 of {@code login:password}; the base64 of a secret is
 * recognised at any position inside a longer base64 text). A secret written in two halves around a carriage
 * return ({@code \r}, progress output) is masked as well.
 */
public final class Redactor {
    public static final String MASK = "******";
    /** Shorter encoded fragments would mask innocent text. */
    private static final int MIN_ENCODED = 8;
    private final List<String> secrets;
    private final List<String> forms;

    public Redactor(Collection<String> secrets) {
        Set<String> list = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                list.add(s);
            }
        }
        this.secrets = List.copyOf(list);
        Set<String> all = new LinkedHashSet<>(list);
        for (String s : list) {
            all.addAll(encodedForms(s));
        }
        List<String> sorted = new ArrayList<>(all);
        // Longest first, so a secret that contains another is masked whole. (Not Comparator.comparingInt: its
        // serializable lambda is generated at run time on every start, no class-data archive holds it.)
        sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
        this.forms = List.copyOf(sorted);
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    /** A redactor for HTTP Basic credentials: the password, and {@code login:password} in every encoded form. */
    public static Redactor basicCredentials(String login, String password) {
        return new Redactor(login == null ? List.of(password) : List.of(password, login + ":" + password));
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = mask(text);
        if (result.indexOf('\r') >= 0) {
            String flat = result.replace("\r", "");
            String flatMasked = mask(flat);
            if (!flatMasked.equals(flat)) {
                return flatMasked; // a secret spanned a carriage return: show the line without them
            }
        }
        return result;
    }

    private String mask(String text) {
        String result = text;
        for (String form : forms) {
            result = result.replace(form, MASK);
        }
        return result;
    }

    public Redactor plus(Collection<String> more) {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(more);
        return new Redactor(all);
    }

    /** URL-encoded and base64 forms of {@code secret} that differ from it. */
    static Set<String> encodedForms(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        forms.add(percentEncoded(bytes, false));
        forms.add(percentEncoded(bytes, true));
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            String whole = encoder.encodeToString(bytes);
            forms.add(whole);
            forms.add(whole.replace("=", ""));
            // inside a longer base64 text the secret starts at byte 0, 1 or 2 of a 3-byte group: the characters
            // that encode only its bytes are the same whatever surrounds it
            for (int offset = 1; offset <= 2; offset++) {
                byte[] shifted = new byte[offset + bytes.length];
                System.arraycopy(bytes, 0, shifted, offset, bytes.length);
                String encoded = encoder.encodeToString(shifted);
                int from = 4; // the first group mixes the unknown bytes before the secret
                int end = 4 * ((offset + bytes.length) / 3); // the last full group ends here; a partial one mixes what follows
                if (end - from >= MIN_ENCODED) {
                    forms.add(encoded.substring(from, end));
                }
            }
            int fullGroups = 4 * (bytes.length / 3);
            if (fullGroups >= MIN_ENCODED) {
                forms.add(whole.substring(0, fullGroups));
            }
        }
        forms.remove(secret);
        forms.removeIf(f -> f.length() < MIN_ENCODED);
        return forms;
    }

    private static String percentEncoded(byte[] bytes, boolean lowerHex) {
        String hex = lowerHex ? "0123456789abcdef" : "0123456789ABCDEF";
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(hex.charAt(c >> 4)).append(hex.charAt(c & 0xF));
            }
        }
        return out.toString();
    }
}
