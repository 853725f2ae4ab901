package dev.cbagent.fleet;

import dev.cbagent.error.CbagentException;
import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.plan.DialectLoader;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.profile.ProfileException;
import dev.cbagent.profile.ProfileLoader;
import dev.cbagent.support.ProfileFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plans of a host list: one per profile and platform, shared by the hosts that use it, checked per host. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FleetProfilesTest {
    @TempDir
    Path dir;

    private final FleetProfiles profiles = new FleetProfiles(new ProfileCheck(new ProfileLoader(ProfileFixture.ENV,
            "linux"), new DialectLoader()));

    @Test
    void hosts_of_one_profile_share_one_plan() throws IOException {
        Path profile = linux("web.yaml", installer("web.bin"));
        List<Host> hosts = IntStream.range(0, 500).mapToObj(i -> host("10.0.1." + i, null, null, false, i + 1))
                .toList();

        Map<String, HostPlan> plans = profiles.plan(hosts, profile);

        assertEquals(500, plans.size());
        HostPlan first = plans.get("10.0.1.0");
        assertTrue(plans.values().stream().allMatch(p -> p == first), "every host has the same plan object");
        assertEquals(installer("web.bin").toString(), first.step().argv().program());
    }

    @Test
    void each_profile_and_platform_has_its_own_plan() throws IOException {
        Path web = linux("web.yaml", installer("web.bin"));
        Path db = linux("db.yaml", installer("db.bin"));
        List<Host> hosts = List.of(host("10.0.0.1", null, null, false, 1), host("10.0.0.2", db, null, false, 2),
                host("10.0.0.3", null, null, false, 3), host("10.0.0.4", db, null, false, 4),
                host("10.0.0.5", null, "linux", false, 5));

        Map<String, HostPlan> plans = profiles.plan(hosts, web);

        assertSame(plans.get("10.0.0.1"), plans.get("10.0.0.3"));
        assertSame(plans.get("10.0.0.2"), plans.get("10.0.0.4"));
        assertNotSame(plans.get("10.0.0.1"), plans.get("10.0.0.2"));
        assertNotSame(plans.get("10.0.0.1"), plans.get("10.0.0.5"), "a platform from the list is planned apart");
        assertEquals(installer("db.bin").toString(), plans.get("10.0.0.4").step().argv().program());
        assertEquals(installer("web.bin").toString(), plans.get("10.0.0.5").step().argv().program());
    }

    @Test
    void a_shared_windows_plan_still_refuses_sudo_on_the_host_that_asks_for_it() {
        Path profile = new ProfileFixture(dir).write("windows.yaml", ProfileFixture.HEADER
                + WindowsRemoteScriptTest.byToken(WindowsRemoteScriptTest.INSTALLER));
        List<Host> hosts = List.of(host("10.0.0.1", null, "windows", false, 1),
                host("10.0.0.2", null, "windows", false, 2), host("10.0.0.3", null, "windows", true, 3));

        CbagentException e = assertThrows(CbagentException.class, () -> profiles.plan(hosts, profile));

        assertTrue(e.getMessage().startsWith("host 10.0.0.3 (line 3 of the host list): sudo is for Linux hosts"),
                e.getMessage());
    }

    @Test
    void a_bad_profile_is_reported_once_however_many_hosts_use_it() throws IOException {
        Path bad = new ProfileFixture(dir).write("bad.yaml", ProfileFixture.HEADER + "platform: linux\n"
                + "installer:\n  path: " + installer("x.bin") + "\nregistration:\n  mode: by-token\n"
                + "  address: https://mgmt.example.ru:9877\n  token: ${env:CB_REG_TOKEN}\n");
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            hosts.add(host("10.0.2." + i, null, null, false, i + 1));
        }

        ProfileException e = assertThrows(ProfileException.class, () -> profiles.plan(hosts, bad));

        assertEquals(1, e.findings().size(), e.findings().toString());
        assertEquals("verify", e.findings().get(0).key());
    }

    private Path installer(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            Files.writeString(file, "#!/bin/sh\n");
        }
        return file;
    }

    private Path linux(String name, Path installer) {
        return new ProfileFixture(dir).write(name, ProfileFixture.HEADER + String.join("\n",
                "platform: linux",
                "installer:",
                "  path: " + installer,
                "components:",
                "  add: [BackupAndRecoveryAgent]",
                "registration:",
                "  mode: by-token",
                "  address: https://mgmt.example.ru:9877",
                "  token: ${env:CB_REG_TOKEN}",
                "verify:",
                "  login: api-admin",
                "  password: ${env:CB_API_PWD}", ""));
    }

    private static Host host(String address, Path profile, String platform, boolean sudo, int line) {
        return new Host(address, 22, "root", null, null, null, sudo, platform, profile, Map.of(), line);
    }
}
