package dev.cbagent.api;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.error.Redactor;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP proxy: {@code http://[login[:password]@]host[:port]}. The password is a secret: {@link #shown()} and
 * {@link #toString()} mask it, {@link #secrets()} lists it for redaction.
 *
 * @param host     the proxy's host name or IP literal (without brackets)
 * @param port     its port (80 when the URL names none)
 * @param login    the proxy login, or null
 * @param password the proxy password, or null
 * @param source   where it was set: {@code verify.proxy}, {@code https_proxy}, ...
 */
public record ProxyEndpoint(String host, int port, String login, String password, String source) {

    /**
     * Parses a proxy URL as the profile or the environment writes it; a bare {@code host:port} is taken as
     * {@code http://host:port}, as curl does.
     *
     * @throws CbagentException exit 2 naming {@code source}, never quoting the password
     */
    public static ProxyEndpoint parse(String text, String source) {
        String trimmed = text.strip();
        String withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw invalid(source, text, "is not a proxy URL like http://host:port");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw invalid(source, text, "uses " + scheme + "://; cbagent talks to proxies in plain HTTP only "
                    + "(http://host:port; HTTPS requests still go through it encrypted, with CONNECT)");
        }
        if (uri.getHost() == null) {
            throw invalid(source, text, "is not a proxy URL like http://host:port");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(source, text, "has a path or query; a proxy is only http://host:port");
        }
        if (uri.getPort() > 65535) {
            throw invalid(source, text, "has port " + uri.getPort() + ", out of range 1-65535");
        }
        String login = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            login = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ProxyEndpoint(host, uri.getPort() > 0 ? uri.getPort() : 80, login, password, source);
    }

    public boolean hasCredentials() {
        return login != null && password != null;
    }

    /** {@code http://login:******@host:port}: the URL as it may be printed. */
    public String shown() {
        String where = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        return "http://" + (login == null ? "" : login + (password == null ? "" : ":" + Redactor.MASK) + "@") + where;
    }

    /**
     * What to mask wherever it could appear: the password and {@code login:password} (a {@link Redactor} masks
     * their base64 and URL-encoded forms too, so the Basic header made of them).
     */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        if (password != null && !password.isEmpty()) {
            out.add(password);
            out.add((login == null ? "" : login) + ":" + password);
        }
        return out;
    }

    @Override
    public String toString() {
        return shown() + " (" + source + ")";
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static CbagentException invalid(String source, String text, String problem) {
        return new CbagentException(ExitCode.INVALID_INPUT, source + ": " + masked(text) + " " + problem);
    }

    /** The text as it may be quoted: whatever stands before an {@code @} masked. */
    static String masked(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return "'" + text + "'";
        }
        int scheme = text.indexOf("://");
        String prefix = scheme >= 0 && scheme < at ? text.substring(0, scheme + 3) : "";
        return "'" + prefix + Redactor.MASK + text.substring(at) + "'";
    }
}
