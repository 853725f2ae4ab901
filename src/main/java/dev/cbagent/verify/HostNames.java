package dev.cbagent.verify;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a host name given by the user relates to a resource name on the server: equal ignoring case, or one is the
 * short name (first label) of the other FQDN. {@code web-01} matches {@code WEB-01} and {@code web-01.example.ru};
 * it does not match {@code web-01-old}, {@code web-010} or {@code web-01.other.ru} when given as
 * {@code web-01.example.ru}.
 */
public final class HostNames {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostNames() {
    }

    public static boolean matches(String host, String resourceName) {
        if (host == null || resourceName == null) {
            return false;
        }
        String a = canonical(host);
        String b = canonical(resourceName);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        boolean aShort = !hasDomain(a);
        boolean bShort = !hasDomain(b);
        if (aShort == bShort) {
            return false; // two short names or two FQDNs must be equal
        }
        return aShort ? a.equals(shortName(b)) : b.equals(shortName(a));
    }

    /** Whether the match is exact (ignoring case), as opposed to short name against FQDN. */
    public static boolean matchesExactly(String host, String resourceName) {
        return host != null && resourceName != null && canonical(host).equals(canonical(resourceName));
    }

    /** The first label of an FQDN; an IP address or a short name is returned unchanged. */
    public static String shortName(String host) {
        String trimmed = stripDot(host.trim());
        if (IPV4.matcher(trimmed).matches() || trimmed.contains(":")) {
            return trimmed;
        }
        int dot = trimmed.indexOf('.');
        return dot > 0 ? trimmed.substring(0, dot) : trimmed;
    }

    /**
     * The spellings to ask the server for, since its equality filter may be case-sensitive: the name as given,
     * its short name, and the lower- and upper-case forms of both; duplicates dropped, order kept.
     */
    public static Set<String> queryVariants(String host) {
        String given = stripDot(host.trim());
        String shortName = shortName(given);
        Set<String> variants = new LinkedHashSet<>();
        for (String name : new String[]{given, shortName}) {
            variants.add(name);
            variants.add(name.toLowerCase(Locale.ROOT));
            variants.add(name.toUpperCase(Locale.ROOT));
        }
        variants.remove("");
        return variants;
    }

    /** Whether the name has no domain part (an IP address counts as not short: it has no FQDN form). */
    public static boolean isShort(String host) {
        String c = canonical(host);
        return !c.isEmpty() && !hasDomain(c) && !IPV4.matcher(c).matches() && !c.contains(":");
    }

    static boolean hasDomain(String canonicalName) {
        return canonicalName.indexOf('.') > 0 && !IPV4.matcher(canonicalName).matches() && !canonicalName.contains(":");
    }

    /** Trimmed, without a trailing dot, in lower case. */
    static String canonical(String name) {
        return stripDot(name.trim()).toLowerCase(Locale.ROOT);
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
