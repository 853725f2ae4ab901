package dev.cbagent.profile.rules;

import dev.cbagent.profile.ProfileValues;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static dev.cbagent.profile.rules.Violation.error;
import static dev.cbagent.profile.rules.Violation.warning;

/**
 * The vendor's rules (DIGEST.md) and DESIGN.md's, independent of option dialects.
 * Platform-specific data (component names, languages, which keys a platform has) is checked in {@code plan}.
 */
public final class ProfileRules {
    static final List<String> ON_PREMISE_ONLY = List.of("registration.tenant", "registration.transport",
            "registration.pinnedPublicKey", "services.managementServer", "services.storageNode", "ports",
            "managementServerDb");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_BRACKETED = Pattern.compile("\\[[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}](:\\d{1,5})?");
    private static final Pattern PIN = Pattern.compile("sha256//[A-Za-z0-9+/]{43}=");

    private static final List<Rule> RULES = List.of(
            new Rule("token-excludes-credentials", ProfileRules::tokenExcludesCredentials),
            new Rule("mode-needs-its-credentials", ProfileRules::modeNeedsItsCredentials),
            new Rule("login-and-password-together", v -> pair(v, "registration.login", "registration.password")),
            new Rule("device-flow-cloud-not-quiet", ProfileRules::deviceFlow),
            new Rule("register-only-cloud-not-quiet", ProfileRules::registerOnly),
            new Rule("current-user-on-premise-windows", ProfileRules::currentUser),
            new Rule("on-premise-only-options", ProfileRules::onPremiseOnly),
            new Rule("components-add-remove-overlap", ProfileRules::componentOverlap),
            new Rule("proxy-mode-vs-fields", ProfileRules::proxy),
            new Rule("pinned-key-vs-transport", ProfileRules::pinnedKey),
            new Rule("database-type-vs-fields", ProfileRules::database),
            new Rule("service-account-custom-needs-credentials", ProfileRules::serviceAccounts),
            new Rule("no-credentials-in-urls", ProfileRules::noCredentialsInUrls),
            new Rule("registration-address-shape", ProfileRules::registrationAddress),
            new Rule("plain-http-is-unencrypted", ProfileRules::plainHttp),
            new Rule("script-params-need-script", v -> needs(v, "registration.scriptParams", "registration.script")),
            new Rule("vcenter-address-login-password", ProfileRules::vcenter),
            new Rule("verify-trust", ProfileRules::verifyTrust),
            new Rule("verify-api-url-shape", ProfileRules::verifyApiUrl),
            new Rule("verify-proxy-shape", ProfileRules::verifyProxy),
            new Rule("linux-is-always-unattended", ProfileRules::linuxQuiet),
            new Rule("protection-fields", ProtectionRules::fields),
            new Rule("protection-needs-the-api", ProtectionRules::needsTheApi));

    private ProfileRules() {
    }

    public static List<Rule> all() {
        return RULES;
    }

    private static List<Violation> tokenExcludesCredentials(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        if (v.has("registration.token")) {
            for (String key : List.of("registration.login", "registration.password")) {
                if (v.has(key)) {
                    out.add(error(key, "cannot be combined with registration.token (use a token or a login and password)"));
                }
            }
        }
        return out;
    }

    private static List<Violation> modeNeedsItsCredentials(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        String mode = v.stringOr("registration.mode", "");
        switch (mode) {
            case "by-token" -> {
                if (!v.has("registration.token")) {
                    out.add(error("registration.mode", "by-token needs registration.token"));
                }
            }
            case "by-credentials" -> {
                if (!v.has("registration.login")) {
                    out.add(error("registration.mode", "by-credentials needs registration.login"));
                }
                if (!v.has("registration.password")) {
                    out.add(error("registration.mode", "by-credentials needs registration.password"));
                }
                if (v.has("registration.token")) {
                    out.add(error("registration.token", "is not used with registration.mode by-credentials"));
                }
            }
            case "skip" -> {
                for (String key : List.of("registration.address", "registration.token", "registration.login",
                        "registration.password", "registration.tenant")) {
                    if (v.has(key)) {
                        out.add(error(key, "is not used when registration.mode is skip"));
                    }
                }
            }
            case "device-flow", "current-user" -> {
                for (String key : List.of("registration.token", "registration.login", "registration.password")) {
                    if (v.has(key)) {
                        out.add(error(key, "is not used with registration.mode " + mode));
                    }
                }
            }
            default -> {
                // no mode: the credentials given decide, and the address is still required
            }
        }
        boolean needsAddress = !mode.equals("skip") && !v.bool("installer.registerOnly");
        if (needsAddress && !v.has("registration.address")) {
            out.add(error("registration.address", "is required (the management server to register with), "
                    + "or set registration.mode: skip"));
        }
        return out;
    }

    private static List<Violation> deviceFlow(ProfileValues v) {
        boolean used = v.stringOr("registration.mode", "").equals("device-flow");
        List<Violation> out = new ArrayList<>(interactiveCloudOnly(v, used, "registration.mode",
                "device-flow is available for the cloud edition only", "registration.mode device-flow (it needs the UI)"));
        if (used && v.stringOr("platform", "").equals("linux")) {
            out.add(error("registration.mode", "device-flow needs the installer's UI, and the Linux installer always "
                    + "runs unattended (--auto); use by-token or by-credentials"));
        }
        return out;
    }

    private static List<Violation> registerOnly(ProfileValues v) {
        return interactiveCloudOnly(v, v.bool("installer.registerOnly"),
                "installer.registerOnly", "is available for the cloud edition only",
                "installer.registerOnly (it shows the registration page)");
    }

    /** device-flow and registerOnly: cloud only, and they need the installer's UI, so not quiet. */
    private static List<Violation> interactiveCloudOnly(ProfileValues v, boolean used, String key,
                                                        String cloudOnlyMessage, String what) {
        List<Violation> out = new ArrayList<>();
        if (used) {
            if (!isCloud(v)) {
                out.add(error(key, cloudOnlyMessage));
            }
            if (v.isExplicit("installer.quiet") && v.bool("installer.quiet")) {
                out.add(error("installer.quiet", "cannot be true with " + what));
            }
        }
        return out;
    }

    private static List<Violation> currentUser(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        if (v.stringOr("registration.mode", "").equals("current-user")) {
            if (isCloud(v)) {
                out.add(error("registration.mode", "current-user is available for the on-premise edition only"));
            }
            if (!v.stringOr("platform", "").equals("windows")) {
                out.add(error("registration.mode", "current-user needs a Windows account (platform: windows)"));
            }
        }
        return out;
    }

    private static List<Violation> onPremiseOnly(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        if (isCloud(v)) {
            for (String key : v.asMap().keySet()) {
                for (String prefix : ON_PREMISE_ONLY) {
                    if (key.equals(prefix) || key.startsWith(prefix + ".")) {
                        out.add(error(key, "is available for the on-premise edition only (edition: cloud)"));
                    }
                }
            }
            if (v.bool("registration.storageNode")) {
                out.add(error("registration.storageNode", "a storage node is available for the on-premise edition only (edition: cloud)"));
            }
        }
        return out;
    }

    private static List<Violation> componentOverlap(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        List<String> add = v.list("components.add");
        for (String c : v.list("components.remove")) {
            if (add.contains(c)) {
                out.add(error("components.remove", "'" + c + "' is both added and removed"));
            }
        }
        for (String key : List.of("components.add", "components.remove")) {
            if (v.has(key) && v.list(key).isEmpty()) {
                out.add(error(key, "is an empty list (remove the key to get the default set)"));
            }
        }
        return out;
    }

    private static List<Violation> proxy(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        String mode = v.stringOr("proxy.mode", "");
        if (mode.equals("custom") && !v.has("proxy.address")) {
            out.add(error("proxy.mode", "custom needs proxy.address (host:port)"));
        }
        if (mode.equals("none") || mode.equals("system")) {
            for (String key : List.of("proxy.address", "proxy.login", "proxy.password")) {
                if (v.has(key)) {
                    out.add(error(key, "is not used with proxy.mode " + mode + " (use mode: custom)"));
                }
            }
        }
        v.string("proxy.address").filter(a -> !dev.cbagent.profile.HostPort.isValid(a))
                .ifPresent(a -> out.add(error("proxy.address", "'" + a + "' is not host:port (like proxy.example.ru:3128)")));
        out.addAll(pair(v, "proxy.login", "proxy.password"));
        if (!v.has("proxy.address") && !mode.equals("none") && !mode.equals("system")) {
            for (String key : List.of("proxy.login", "proxy.password")) {
                if (v.has(key)) {
                    out.add(error(key, "needs proxy.address (the credentials are for a custom proxy, host:port)"));
                }
            }
        }
        return out;
    }

    private static List<Violation> pinnedKey(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        String transport = v.stringOr("registration.transport", "");
        if (v.has("registration.pinnedPublicKey") && !transport.isEmpty() && !transport.equals("https-pinned-public-key")) {
            out.add(error("registration.pinnedPublicKey", "needs registration.transport https-pinned-public-key "
                    + "(or no transport), not " + transport));
        }
        if (transport.equals("https-pinned-public-key") && !v.has("registration.pinnedPublicKey")) {
            out.add(error("registration.transport", "https-pinned-public-key needs registration.pinnedPublicKey"));
        }
        return out;
    }

    private static List<Violation> database(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        String type = v.stringOr("managementServerDb.type", "");
        List<String> fields = List.of("managementServerDb.auth", "managementServerDb.login",
                "managementServerDb.password", "managementServerDb.driver", "managementServerDb.instance");
        if (type.isEmpty()) {
            for (String key : fields) {
                if (v.has(key)) {
                    out.add(error(key, "needs managementServerDb.type: mssql"));
                }
            }
        } else if (type.equals("built-in")) {
            for (String key : fields) {
                if (v.has(key)) {
                    out.add(error(key, "is not used with the built-in database (type: mssql)"));
                }
            }
        } else {
            boolean credentials = v.has("managementServerDb.login") || v.has("managementServerDb.password");
            if (v.has("managementServerDb.auth") && credentials) {
                out.add(error("managementServerDb.auth", "service-account cannot be combined with login and password"));
            }
            if (!v.has("managementServerDb.auth") && !credentials) {
                out.add(error("managementServerDb.type", "mssql needs auth: service-account or a login and password"));
            }
            out.addAll(pair(v, "managementServerDb.login", "managementServerDb.password"));
            if (!v.has("managementServerDb.instance")) {
                out.add(error("managementServerDb.type", "mssql needs managementServerDb.instance (like SQL01\\CB)"));
            }
        }
        return out;
    }

    private static List<Violation> serviceAccounts(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        for (String service : List.of("agent", "managementServer", "storageNode")) {
            String base = "services." + service;
            String account = v.stringOr(base + ".account", "");
            boolean login = v.has(base + ".login");
            boolean password = v.has(base + ".password");
            if (account.equals("custom")) {
                if (!login) {
                    out.add(error(base + ".account", "custom needs " + base + ".login"));
                }
                if (!password) {
                    out.add(error(base + ".account", "custom needs " + base + ".password"));
                }
            } else if (account.isEmpty()) {
                // the guide: "to use an existing account, specify custom or leave this field empty"
                out.addAll(pair(v, base + ".login", base + ".password"));
            } else {
                for (String key : List.of(base + ".login", base + ".password")) {
                    if (v.has(key)) {
                        out.add(error(key, "is not used with account " + account + " (use account: custom)"));
                    }
                }
            }
        }
        return out;
    }

    /** Keys that hold a URL or an address: a login or password in them would be printed everywhere. */
    static final List<String> URL_KEYS = List.of("registration.address", "verify.apiUrl", "installer.installationFiles");

    private static List<Violation> noCredentialsInUrls(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        for (String key : URL_KEYS) {
            v.string(key).filter(ProfileRules::hasUserInfo).ifPresent(url -> out.add(error(key,
                    "must not contain a login or password (user:password@); use registration.login/password, "
                            + "verify.login/password or a token")));
        }
        return out;
    }

    /** True when the text names a login before the host ({@code https://user:pass@host}, {@code user@host}). */
    static boolean hasUserInfo(String text) {
        int scheme = text.indexOf("://");
        String rest = scheme >= 0 ? text.substring(scheme + 3) : text;
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end).contains("@");
    }

    /** The address as it may be quoted in a message: never with what stands before an {@code @}. */
    static String shown(String address) {
        return hasUserInfo(address) ? "the address" : "'" + address + "'";
    }

    /** http:// sends the token or password in clear: allowed (labs, the sandbox), never silently. */
    private static List<Violation> plainHttp(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        boolean registration = v.string("registration.address").filter(ProfileRules::isPlainHttp).isPresent();
        if (registration) {
            out.add(warning("registration.address", "plain http://: the registration secrets and the API password "
                    + "travel unencrypted; use https://"));
        }
        if (v.isExplicit("verify.apiUrl") && v.string("verify.apiUrl").filter(ProfileRules::isPlainHttp).isPresent()) {
            out.add(warning("verify.apiUrl", "plain http://: the API password and access token travel unencrypted; "
                    + "use https://"));
        }
        return out;
    }

    static boolean isPlainHttp(String url) {
        return url.regionMatches(true, 0, "http://", 0, 7);
    }

    private static List<Violation> registrationAddress(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        v.string("registration.address").filter(a -> !hasUserInfo(a)).ifPresent(address -> {
            if (address.contains("://")) {
                URI uri = parseUri(address);
                String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (uri == null || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                    out.add(error("registration.address", "'" + address + "' is not an http(s) URL"));
                } else if (uri.getPort() > 65535) {
                    out.add(error("registration.address", "port " + uri.getPort() + " is out of range 1-65535"));
                } else if (isCloud(v) && !scheme.equals("https")) {
                    out.add(error("registration.address", "the cloud edition is always HTTPS (https://...)"));
                }
            } else if (isCloud(v)) {
                out.add(error("registration.address", "the cloud edition needs a URL (https://...), not '" + address + "'"));
            } else if (!isHostWithOptionalPort(address)) {
                out.add(error("registration.address", "'" + address + "' is neither a URL nor a host name or IP address"
                        + (address.indexOf(':') != address.lastIndexOf(':') ? " (an IPv6 address goes in brackets: [fd00::5]:9877)" : "")));
            }
        });
        return out;
    }

    private static List<Violation> vcenter(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        v.string("vcenter.address").filter(a -> !isHostWithOptionalPort(a)).ifPresent(a -> out.add(error("vcenter.address",
                "'" + a + "' is not a host name or IP address of vCenter or ESXi (like vc.example.ru, no https://)")));
        if (v.has("vcenter.address")) {
            for (String key : List.of("vcenter.login", "vcenter.password")) {
                if (!v.has(key)) {
                    out.add(error("vcenter.address", "needs " + key));
                }
            }
        } else {
            for (String key : List.of("vcenter.login", "vcenter.password")) {
                if (v.has(key)) {
                    out.add(error(key, "needs vcenter.address"));
                }
            }
        }
        return out;
    }

    private static List<Violation> verifyTrust(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        if (v.has("verify.caBundle")) {
            chosen.add("verify.caBundle");
        }
        if (v.has("verify.pinnedPublicKey")) {
            chosen.add("verify.pinnedPublicKey");
        }
        if (v.bool("verify.insecure")) {
            chosen.add("verify.insecure");
        }
        if (chosen.size() > 1) {
            out.add(error(chosen.get(1), "choose one of verify.caBundle, verify.pinnedPublicKey, verify.insecure"));
        }
        if (v.bool("verify.insecure")) {
            out.add(warning("verify.insecure", "the server certificate will NOT be checked; anyone on the path "
                    + "can read the API password"));
        }
        v.string("verify.pinnedPublicKey").filter(p -> !PIN.matcher(p).matches()).ifPresent(p ->
                out.add(error("verify.pinnedPublicKey", "expected sha256//<44 characters of base64>")));
        return out;
    }

    private static List<Violation> verifyApiUrl(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        v.string("verify.apiUrl").filter(a -> !hasUserInfo(a)).ifPresent(url -> {
            URI uri = parseUri(url);
            String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri == null || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                out.add(error("verify.apiUrl", "'" + url + "' is not an http(s) URL"));
            } else if (uri.getPort() > 65535) {
                out.add(error("verify.apiUrl", "port " + uri.getPort() + " is out of range 1-65535"));
            }
        });
        return out;
    }

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):[^}]*}");

    /** {@code none}, or {@code http://[login:${env:NAME}@]host:port}; a password only as a reference. */
    private static List<Violation> verifyProxy(ProfileValues v) {
        Object value = v.get("verify.proxy");
        if (value == null) {
            return List.of();
        }
        String written = value instanceof dev.cbagent.profile.Secret secret ? secret.reference() : String.valueOf(value);
        if (written.strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        String shape = REFERENCE.matcher(written.strip()).replaceAll("x");
        String shown = hasUserInfo(written) ? "the value" : "'" + written + "'";
        URI uri = parseUri(shape);
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || !scheme.equals("http") || uri.getHost() == null) {
            return List.of(error("verify.proxy", shown + " is not a proxy: write none or http://host:port"
                    + (scheme.equals("https") || scheme.startsWith("socks") ? " (cbagent talks to proxies in plain HTTP; "
                    + "https:// servers are still reached encrypted through it)" : "")));
        }
        if (uri.getPort() < 1 || uri.getPort() > 65535) {
            return List.of(error("verify.proxy", shown + " needs a port 1-65535, like http://proxy.example.ru:3128"));
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
            return List.of(error("verify.proxy", shown + " has a path; a proxy is only http://host:port"));
        }
        String info = uri.getRawUserInfo();
        if (info != null && info.contains(":")) {
            String writtenInfo = written.substring(written.indexOf("://") + 3, written.lastIndexOf('@'));
            String password = writtenInfo.substring(writtenInfo.indexOf(':') + 1);
            if (!REFERENCE.matcher(password).matches()) {
                return List.of(error("verify.proxy", "the proxy password is written in the profile; write it as a "
                        + "reference, http://LOGIN:${env:NAME}@host:port, or set https_proxy in the environment"));
            }
        }
        return List.of();
    }

    private static List<Violation> linuxQuiet(ProfileValues v) {
        if (v.stringOr("platform", "").equals("linux") && v.isExplicit("installer.quiet") && !v.bool("installer.quiet")) {
            return List.of(warning("installer.quiet", "the Linux installer always runs unattended (--auto)"));
        }
        return List.of();
    }

    private static List<Violation> pair(ProfileValues v, String login, String password) {
        List<Violation> out = new ArrayList<>();
        if (v.has(login) && !v.has(password)) {
            out.add(error(login, "needs " + password));
        }
        if (v.has(password) && !v.has(login)) {
            out.add(error(password, "needs " + login));
        }
        return out;
    }

    private static List<Violation> needs(ProfileValues v, String key, String required) {
        return v.has(key) && !v.has(required) ? List.of(error(key, "needs " + required)) : List.of();
    }

    static boolean isCloud(ProfileValues v) {
        return v.stringOr("edition", "on-premise").equals("cloud");
    }

    static boolean isHostWithOptionalPort(String text) {
        if (text.startsWith("[")) {
            return IPV6_BRACKETED.matcher(text).matches() && validPort(text.substring(text.indexOf(']') + 1));
        }
        String host = text;
        int colon = text.lastIndexOf(':');
        if (colon > 0) {
            String port = text.substring(colon + 1);
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                return false;
            }
            host = text.substring(0, colon);
        }
        return HOST.matcher(host).matches() || IPV4.matcher(host).matches();
    }

    private static boolean validPort(String colonPort) {
        if (colonPort.isEmpty()) {
            return true;
        }
        int port = Integer.parseInt(colonPort.substring(1));
        return port >= 1 && port <= 65535;
    }

    static URI parseUri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
