package dev.cbagent.profile.schema;

import dev.cbagent.profile.ProfileValues;
import dev.cbagent.profile.Secret;
import dev.cbagent.profile.SecretResolver;
import dev.cbagent.profile.model.Components;
import dev.cbagent.profile.model.Installer;
import dev.cbagent.profile.model.ManagementServerDb;
import dev.cbagent.profile.model.Ports;
import dev.cbagent.profile.model.Profile;
import dev.cbagent.profile.model.Protection;
import dev.cbagent.profile.model.Proxy;
import dev.cbagent.profile.model.Registration;
import dev.cbagent.profile.model.ServiceAccount;
import dev.cbagent.profile.model.Services;
import dev.cbagent.profile.model.Verify;
import dev.cbagent.profile.model.Vcenter;

import java.nio.file.Path;
import java.util.List;

/**
 * Bound, defaulted values -> the section records of a {@link Profile}: the last step of loading. A relative path
 * is resolved here, once, against the file that wrote it (a base profile's paths start beside the base).
 */
public final class SectionReader {
    private final ProfileValues v;

    private SectionReader(ProfileValues values) {
        this.v = values;
    }

    public static Profile read(ProfileValues values) {
        SectionReader r = new SectionReader(values);
        return new Profile(values.file(), r.str("platform"), r.str("edition"), r.installer(), r.components(),
                r.str("installDir"), r.registration(), r.services(), r.ports(), r.proxy(), r.vcenter(),
                r.database(), r.verify(), r.protection(), values);
    }

    private Installer installer() {
        return new Installer(str("installer.path"), v.bool("installer.quiet"), str("installer.language"),
                str("installer.logDir"), str("installer.installationFiles"),
                v.bool("installer.skipHttpsCertVerification"), v.bool("installer.skipFileTrustVerification"),
                v.integer("installer.downloadAttempts").orElse(null), str("installer.cacheDirectory"),
                v.secret("installer.antiTamperPassword").orElse(null), v.bool("installer.registerOnly"),
                v.duration("installer.timeout").orElse(null), path("installer.dialect"), str("installer.tmpDir"),
                v.bool("installer.strict"), v.bool("installer.noDeps"), v.bool("installer.debug"),
                v.bool("installer.skipPrereqCheck"), str("installer.secretsVia"));
    }

    private Components components() {
        return new Components(list("components.add"), list("components.remove"));
    }

    private Registration registration() {
        return new Registration(str("registration.mode"), str("registration.address"),
                v.secret("registration.token").orElse(null), str("registration.login"),
                v.secret("registration.password").orElse(null), str("registration.tenant"),
                str("registration.transport"), str("registration.pinnedPublicKey"), str("registration.script"),
                v.get("registration.scriptParams"), str("registration.toolPath"), v.bool("registration.storageNode"),
                "reset".equals(str("registration.identity")), v.list("registration.serviceRestart"));
    }

    private Services services() {
        return new Services(account("services.agent"), account("services.managementServer"),
                account("services.storageNode"));
    }

    private ServiceAccount account(String section) {
        if (!v.hasAnyUnder(section)) {
            return null;
        }
        return new ServiceAccount(str(section + ".account"), str(section + ".login"),
                v.secret(section + ".password").orElse(null));
    }

    private Ports ports() {
        return new Ports(v.integer("ports.webServer").orElse(null), v.integer("ports.zmq").orElse(null));
    }

    private Proxy proxy() {
        return new Proxy(str("proxy.mode"), str("proxy.address"), str("proxy.login"),
                v.secret("proxy.password").orElse(null));
    }

    private Vcenter vcenter() {
        return new Vcenter(str("vcenter.address"), str("vcenter.login"),
                v.secret("vcenter.password").orElse(null));
    }

    private ManagementServerDb database() {
        return new ManagementServerDb(str("managementServerDb.type"), str("managementServerDb.auth"),
                str("managementServerDb.login"), v.secret("managementServerDb.password").orElse(null),
                str("managementServerDb.driver"), str("managementServerDb.instance"));
    }

    private Verify verify() {
        return new Verify(str("verify.apiUrl"), str("verify.login"), v.secret("verify.password").orElse(null),
                str("verify.hostname"), v.duration("verify.timeout").orElse(null), v.bool("verify.requireOnline"),
                path("verify.caBundle"), str("verify.pinnedPublicKey"), v.bool("verify.insecure"), proxyUrl());
    }

    /** The values of references inside {@code verify.proxy} (a password) URL-encoded into it, so any character may stand in them. */
    private String proxyUrl() {
        Object value = v.get("verify.proxy");
        if (value instanceof Secret secret) {
            return SecretResolver.replaceReferences(secret.reference(), secret.masks().stream()
                    .map(part -> java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8)).toList());
        }
        return value == null ? null : String.valueOf(value);
    }

    private Protection protection() {
        if (!v.hasAnyUnder("protection")) {
            return null;
        }
        return new Protection(str("protection.group"), v.bool("protection.createGroup"), str("protection.plan"),
                v.duration("protection.waitDeployed").orElse(null), v.bool("protection.runNow"),
                v.duration("protection.runTimeout").orElse(null));
    }

    private List<String> list(String key) {
        return v.has(key) ? v.list(key) : null;
    }

    private String str(String key) {
        return v.string(key).orElse(null);
    }

    /** A path as written, resolved against the folder of the profile file that wrote it. */
    private Path path(String key) {
        String written = str(key);
        if (written == null) {
            return null;
        }
        Path p = Path.of(written);
        Path dir = Path.of(v.location(key).file()).toAbsolutePath().getParent();
        return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
    }
}
