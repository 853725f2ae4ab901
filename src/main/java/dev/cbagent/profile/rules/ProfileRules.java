package dev.cbagent.profile.rules;

import dev.cbagent.profile.HostPort;
import dev.cbagent.profile.Secret;
import dev.cbagent.profile.model.ManagementServerDb;
import dev.cbagent.profile.model.Profile;
import dev.cbagent.profile.model.Proxy;
import dev.cbagent.profile.model.Registration;
import dev.cbagent.profile.model.ServiceAccount;
import dev.cbagent.profile.model.Vcenter;
import dev.cbagent.profile.model.Verify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static dev.cbagent.profile.rules.Violation.error;
import static dev.cbagent.profile.rules.Violation.warning;

/**
 * The vendor's rules (DIGEST.md) and those of DESIGN.md "Profile", independent of option dialects.
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
            new Rule("login-and-password-together", p -> pair("registration.login", p.registration().login(),
                    "registration.password", p.registration().password())),
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
            new Rule("script-params-need-script", p -> p.registration().scriptParams() != null && p.registration().script() == null
                    ? List.of(error("registration.scriptParams", "needs registration.script")) : List.of()),
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

    private static List<Violation> tokenExcludesCredentials(Profile p) {
        List<Violation> out = new ArrayList<>();
        Registration r = p.registration();
        if (r.token() != null) {
            if (r.login() != null) {
                out.add(error("registration.login", TOKEN_OR_CREDENTIALS));
            }
            if (r.password() != null) {
                out.add(error("registration.password", TOKEN_OR_CREDENTIALS));
            }
        }
        return out;
    }

    private static final String TOKEN_OR_CREDENTIALS =
            "cannot be combined with registration.token (use a token or a login and password)";

    private static List<Violation> modeNeedsItsCredentials(Profile p) {
        List<Violation> out = new ArrayList<>();
        Registration r = p.registration();
        String mode = r.mode() == null ? "" : r.mode();
        switch (mode) {
            case "by-token" -> {
                if (r.token() == null) {
                    out.add(error("registration.mode", "by-token needs registration.token"));
                }
            }
            case "by-credentials" -> {
                if (r.login() == null) {
                    out.add(error("registration.mode", "by-credentials needs registration.login"));
                }
                if (r.password() == null) {
                    out.add(error("registration.mode", "by-credentials needs registration.password"));
                }
                if (r.token() != null) {
                    out.add(error("registration.token", "is not used with registration.mode by-credentials"));
                }
            }
            case "skip" -> {
                notUsed(out, "registration.address", r.address(), "is not used when registration.mode is skip");
                notUsed(out, "registration.token", r.token(), "is not used when registration.mode is skip");
                notUsed(out, "registration.login", r.login(), "is not used when registration.mode is skip");
                notUsed(out, "registration.password", r.password(), "is not used when registration.mode is skip");
                notUsed(out, "registration.tenant", r.tenant(), "is not used when registration.mode is skip");
            }
            case "device-flow", "current-user" -> {
                String message = "is not used with registration.mode " + mode;
                notUsed(out, "registration.token", r.token(), message);
                notUsed(out, "registration.login", r.login(), message);
                notUsed(out, "registration.password", r.password(), message);
            }
            default -> {
                // no mode: the credentials given decide, and the address is still required
            }
        }
        boolean needsAddress = !mode.equals("skip") && !p.installer().registerOnly();
        if (needsAddress && r.address() == null) {
            out.add(error("registration.address", "is required (the management server to register with), "
                    + "or set registration.mode: skip"));
        }
        return out;
    }

    /** An error at {@code key} when a value was written there. */
    private static void notUsed(List<Violation> out, String key, Object value, String message) {
        if (value != null) {
            out.add(error(key, message));
        }
    }

    private static List<Violation> deviceFlow(Profile p) {
        boolean used = p.registration().is("device-flow");
        List<Violation> out = new ArrayList<>(interactiveCloudOnly(p, used, "registration.mode",
                "device-flow is available for the cloud edition only", "registration.mode device-flow (it needs the UI)"));
        if (used && "linux".equals(p.platform())) {
            out.add(error("registration.mode", "device-flow needs the installer's UI, and the Linux installer always "
                    + "runs unattended (--auto); use by-token or by-credentials"));
        }
        return out;
    }

    private static List<Violation> registerOnly(Profile p) {
        return interactiveCloudOnly(p, p.installer().registerOnly(),
                "installer.registerOnly", "is available for the cloud edition only",
                "installer.registerOnly (it shows the registration page)");
    }

    /** device-flow and registerOnly: cloud only, and they need the installer's UI, so not quiet. */
    private static List<Violation> interactiveCloudOnly(Profile p, boolean used, String key,
                                                        String cloudOnlyMessage, String what) {
        List<Violation> out = new ArrayList<>();
        if (used) {
            if (!p.isCloud()) {
                out.add(error(key, cloudOnlyMessage));
            }
            if (p.wrote("installer.quiet") && p.installer().quiet()) {
                out.add(error("installer.quiet", "cannot be true with " + what));
            }
        }
        return out;
    }

    private static List<Violation> currentUser(Profile p) {
        List<Violation> out = new ArrayList<>();
        if (p.registration().is("current-user")) {
            if (p.isCloud()) {
                out.add(error("registration.mode", "current-user is available for the on-premise edition only"));
            }
            if (!"windows".equals(p.platform())) {
                out.add(error("registration.mode", "current-user needs a Windows account (platform: windows)"));
            }
        }
        return out;
    }

    private static List<Violation> onPremiseOnly(Profile p) {
        List<Violation> out = new ArrayList<>();
        if (p.isCloud()) {
            for (String key : p.keyPaths()) {
                for (String prefix : ON_PREMISE_ONLY) {
                    if (key.equals(prefix) || key.startsWith(prefix + ".")) {
                        out.add(error(key, "is available for the on-premise edition only (edition: cloud)"));
                    }
                }
            }
            if (p.registration().storageNode()) {
                out.add(error("registration.storageNode", "a storage node is available for the on-premise edition only (edition: cloud)"));
            }
        }
        return out;
    }

    private static List<Violation> componentOverlap(Profile p) {
        List<Violation> out = new ArrayList<>();
        List<String> add = p.components().add() == null ? List.of() : p.components().add();
        List<String> remove = p.components().remove() == null ? List.of() : p.components().remove();
        for (String c : remove) {
            if (add.contains(c)) {
                out.add(error("components.remove", "'" + c + "' is both added and removed"));
            }
        }
        if (p.components().add() != null && add.isEmpty()) {
            out.add(error("components.add", EMPTY_COMPONENTS));
        }
        if (p.components().remove() != null && remove.isEmpty()) {
            out.add(error("components.remove", EMPTY_COMPONENTS));
        }
        return out;
    }

    private static final String EMPTY_COMPONENTS = "is an empty list (remove the key to get the default set)";

    private static List<Violation> proxy(Profile p) {
        List<Violation> out = new ArrayList<>();
        Proxy proxy = p.proxy();
        String mode = proxy.mode() == null ? "" : proxy.mode();
        if (mode.equals("custom") && proxy.address() == null) {
            out.add(error("proxy.mode", "custom needs proxy.address (host:port)"));
        }
        if (mode.equals("none") || mode.equals("system")) {
            String message = "is not used with proxy.mode " + mode + " (use mode: custom)";
            notUsed(out, "proxy.address", proxy.address(), message);
            notUsed(out, "proxy.login", proxy.login(), message);
            notUsed(out, "proxy.password", proxy.password(), message);
        }
        if (proxy.address() != null && !HostPort.isValid(proxy.address())) {
            out.add(error("proxy.address", "'" + proxy.address() + "' is not host:port (like proxy.example.ru:3128)"));
        }
        out.addAll(pair("proxy.login", proxy.login(), "proxy.password", proxy.password()));
        if (proxy.address() == null && !mode.equals("none") && !mode.equals("system")) {
            String message = "needs proxy.address (the credentials are for a custom proxy, host:port)";
            notUsed(out, "proxy.login", proxy.login(), message);
            notUsed(out, "proxy.password", proxy.password(), message);
        }
        return out;
    }

    private static List<Violation> pinnedKey(Profile p) {
        List<Violation> out = new ArrayList<>();
        Registration r = p.registration();
        String transport = r.transport() == null ? "" : r.transport();
        if (r.pinnedPublicKey() != null && !transport.isEmpty() && !transport.equals("https-pinned-public-key")) {
            out.add(error("registration.pinnedPublicKey", "needs registration.transport https-pinned-public-key "
                    + "(or no transport), not " + transport));
        }
        if (transport.equals("https-pinned-public-key") && r.pinnedPublicKey() == null) {
            out.add(error("registration.transport", "https-pinned-public-key needs registration.pinnedPublicKey"));
        }
        return out;
    }

    private static List<Violation> database(Profile p) {
        List<Violation> out = new ArrayList<>();
        ManagementServerDb db = p.managementServerDb();
        String type = db.type() == null ? "" : db.type();
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("managementServerDb.auth", db.auth());
        fields.put("managementServerDb.login", db.login());
        fields.put("managementServerDb.password", db.password());
        fields.put("managementServerDb.driver", db.driver());
        fields.put("managementServerDb.instance", db.instance());
        if (type.isEmpty()) {
            fields.forEach((key, value) -> notUsed(out, key, value, "needs managementServerDb.type: mssql"));
        } else if (type.equals("built-in")) {
            fields.forEach((key, value) -> notUsed(out, key, value, "is not used with the built-in database (type: mssql)"));
        } else {
            boolean credentials = db.login() != null || db.password() != null;
            if (db.auth() != null && credentials) {
                out.add(error("managementServerDb.auth", "service-account cannot be combined with login and password"));
            }
            if (db.auth() == null && !credentials) {
                out.add(error("managementServerDb.type", "mssql needs auth: service-account or a login and password"));
            }
            out.addAll(pair("managementServerDb.login", db.login(), "managementServerDb.password", db.password()));
            if (db.instance() == null) {
                out.add(error("managementServerDb.type", "mssql needs managementServerDb.instance (like SQL01\\CB)"));
            }
        }
        return out;
    }

    private static List<Violation> serviceAccounts(Profile p) {
        List<Violation> out = new ArrayList<>();
        java.util.Map<String, ServiceAccount> accounts = new java.util.LinkedHashMap<>();
        accounts.put("agent", p.services().agent());
        accounts.put("managementServer", p.services().managementServer());
        accounts.put("storageNode", p.services().storageNode());
        accounts.forEach((service, written) -> {
            ServiceAccount a = written != null ? written : new ServiceAccount(null, null, null);
            String base = "services." + service;
            String account = a.account() == null ? "" : a.account();
            if (account.equals("custom")) {
                if (a.login() == null) {
                    out.add(error(base + ".account", "custom needs " + base + ".login"));
                }
                if (a.password() == null) {
                    out.add(error(base + ".account", "custom needs " + base + ".password"));
                }
            } else if (account.isEmpty()) {
                // the guide: "to use an existing account, specify custom or leave this field empty"
                out.addAll(pair(base + ".login", a.login(), base + ".password", a.password()));
            } else {
                String message = "is not used with account " + account + " (use account: custom)";
                notUsed(out, base + ".login", a.login(), message);
                notUsed(out, base + ".password", a.password(), message);
            }
        });
        return out;
    }

    private static List<Violation> noCredentialsInUrls(Profile p) {
        List<Violation> out = new ArrayList<>();
        java.util.Map<String, String> urls = new java.util.LinkedHashMap<>();
        urls.put("registration.address", p.registration().address());
        urls.put("verify.apiUrl", p.verify().apiUrl());
        urls.put("installer.installationFiles", p.installer().installationFiles());
        urls.forEach((key, url) -> {
            if (url != null && hasUserInfo(url)) {
                out.add(error(key, "must not contain a login or password (user:password@); use "
                        + "registration.login/password, verify.login/password or a token"));
            }
        });
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
    private static List<Violation> plainHttp(Profile p) {
        List<Violation> out = new ArrayList<>();
        String address = p.registration().address();
        if (address != null && isPlainHttp(address)) {
            out.add(warning("registration.address", "plain http://: the registration secrets and the API password "
                    + "travel unencrypted; use https://"));
        }
        if (p.wrote("verify.apiUrl") && isPlainHttp(p.verify().apiUrl())) {
            out.add(warning("verify.apiUrl", "plain http://: the API password and access token travel unencrypted; "
                    + "use https://"));
        }
        return out;
    }

    static boolean isPlainHttp(String url) {
        return url.regionMatches(true, 0, "http://", 0, 7);
    }

    private static List<Violation> registrationAddress(Profile p) {
        List<Violation> out = new ArrayList<>();
        String address = p.registration().address();
        if (address == null || hasUserInfo(address)) {
            return out;
        }
        if (address.contains("://")) {
            out.addAll(httpUrlShape("registration.address", address));
            if (out.isEmpty() && p.isCloud() && !"https".equalsIgnoreCase(parseUri(address).getScheme())) {
                out.add(error("registration.address", "the cloud edition is always HTTPS (https://...)"));
            }
        } else if (p.isCloud()) {
            out.add(error("registration.address", "the cloud edition needs a URL (https://...), not '" + address + "'"));
        } else if (!isHostWithOptionalPort(address)) {
            out.add(error("registration.address", "'" + address + "' is neither a URL nor a host name or IP address"
                    + (address.indexOf(':') != address.lastIndexOf(':') ? " (an IPv6 address goes in brackets: [fd00::5]:9877)" : "")));
        }
        return out;
    }

    private static List<Violation> vcenter(Profile p) {
        List<Violation> out = new ArrayList<>();
        Vcenter vc = p.vcenter();
        if (vc.address() != null && !isHostWithOptionalPort(vc.address())) {
            out.add(error("vcenter.address", "'" + vc.address() + "' is not a host name or IP address of vCenter or "
                    + "ESXi (like vc.example.ru, no https://)"));
        }
        if (vc.address() != null) {
            if (vc.login() == null) {
                out.add(error("vcenter.address", "needs vcenter.login"));
            }
            if (vc.password() == null) {
                out.add(error("vcenter.address", "needs vcenter.password"));
            }
        } else {
            notUsed(out, "vcenter.login", vc.login(), "needs vcenter.address");
            notUsed(out, "vcenter.password", vc.password(), "needs vcenter.address");
        }
        return out;
    }

    private static List<Violation> verifyTrust(Profile p) {
        List<Violation> out = new ArrayList<>();
        Verify v = p.verify();
        List<String> chosen = new ArrayList<>();
        if (v.caBundle() != null) {
            chosen.add("verify.caBundle");
        }
        if (v.pinnedPublicKey() != null) {
            chosen.add("verify.pinnedPublicKey");
        }
        if (v.insecure()) {
            chosen.add("verify.insecure");
        }
        if (chosen.size() > 1) {
            out.add(error(chosen.get(1), "choose one of verify.caBundle, verify.pinnedPublicKey, verify.insecure"));
        }
        if (v.insecure()) {
            out.add(warning("verify.insecure", "the server certificate will NOT be checked; anyone on the path "
                    + "can read the API password"));
        }
        if (v.pinnedPublicKey() != null && !PIN.matcher(v.pinnedPublicKey()).matches()) {
            out.add(error("verify.pinnedPublicKey", "expected sha256//<44 characters of base64>"));
        }
        return out;
    }

    private static List<Violation> verifyApiUrl(Profile p) {
        List<Violation> out = new ArrayList<>();
        String url = p.verify().apiUrl();
        if (url == null || hasUserInfo(url)) {
            return out;
        }
        out.addAll(httpUrlShape("verify.apiUrl", url));
        return out;
    }

    /** The error at {@code key} when {@code url} is not an http(s) URL with a port in range; empty when it is one. */
    private static List<Violation> httpUrlShape(String key, String url) {
        URI uri = parseUri(url);
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return List.of(error(key, "'" + url + "' is not an http(s) URL"));
        }
        if (uri.getPort() > 65535) {
            return List.of(error(key, "port " + uri.getPort() + " is out of range 1-65535"));
        }
        return List.of();
    }

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):[^}]*}");

    /** {@code none}, or {@code http://[login:${env:NAME}@]host:port}; a password only as a reference. */
    private static List<Violation> verifyProxy(Profile p) {
        Object value = p.byKeyPath().get("verify.proxy");
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

    private static List<Violation> linuxQuiet(Profile p) {
        if ("linux".equals(p.platform()) && p.wrote("installer.quiet") && !p.installer().quiet()) {
            return List.of(warning("installer.quiet", "the Linux installer always runs unattended (--auto)"));
        }
        return List.of();
    }

    /** A login needs its password and a password its login. */
    static List<Violation> pair(String loginKey, String login, String passwordKey, Secret password) {
        List<Violation> out = new ArrayList<>();
        if (login != null && password == null) {
            out.add(error(loginKey, "needs " + passwordKey));
        }
        if (password != null && login == null) {
            out.add(error(passwordKey, "needs " + loginKey));
        }
        return out;
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
