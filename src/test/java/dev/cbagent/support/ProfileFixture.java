package dev.cbagent.support;

import dev.cbagent.plan.DialectLoader;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.profile.ProfileLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Writes profiles into a temporary folder and checks them with a fixed environment of secrets. */
public final class ProfileFixture {
    public static final String TOKEN = "tok-3x4mpl3-T0K3N";
    public static final String API_PASSWORD = "api-P4ssw0rd-zz";
    public static final String SERVICE_PASSWORD = "svc-P4ss-qq";
    public static final String PROXY_PASSWORD = "proxy-P4ss-ww";
    public static final String VCENTER_PASSWORD = "vc-P4ss-ee";
    public static final String ANTI_TAMPER = "at-P4ss-rr";
    public static final Map<String, String> ENV = Map.of(
            "CB_REG_TOKEN", TOKEN, "CB_API_PWD", API_PASSWORD, "CB_SVC_PWD", SERVICE_PASSWORD,
            "CB_PROXY_PWD", PROXY_PASSWORD, "CB_VC_PWD", VCENTER_PASSWORD, "CB_ANTI_TAMPER", ANTI_TAMPER);
    public static final String HEADER = "apiVersion: cbagent/v1\nkind: AgentProfile\n";

    private final Path dir;

    public ProfileFixture(Path dir) {
        this.dir = dir;
    }

    public Path write(String name, String yaml) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, yaml);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ProfileCheck.Checked check(String yaml) {
        return check(write("profile.yaml", HEADER + yaml), null);
    }

    public ProfileCheck.Checked check(Path file, String platform) {
        return new ProfileCheck(new ProfileLoader(ENV, "linux"), new DialectLoader()).check(file, platform);
    }
}
