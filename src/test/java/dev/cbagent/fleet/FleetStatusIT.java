package dev.cbagent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cbagent.sandbox.AgentRegistration;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.sandbox.fake.FakeTools;
import dev.cbagent.support.Envelopes;
import dev.cbagent.support.JarRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: {@code fleet status} and {@code fleet run --dry-run} ask only the API. The hosts' addresses are in
 * TEST-NET-3 (203.0.113.0/24), where nothing answers: a connection attempt would fail the host or hang the run.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FleetStatusIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = LoopbackFleet.SECRETS;

    @TempDir
    Path dir;
    SandboxServer sandbox;
    Path profile;

    @BeforeEach
    void start() throws IOException {
        sandbox = SandboxServer.start(SandboxConfig.defaults());
        Path installer = FakeTools.install(dir.resolve("tools"), JarRunner.jar().toString()).linuxInstaller();
        profile = FleetTestProfiles.linux(dir, installer, sandbox.baseUri());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Path hosts(int n) throws IOException {
        StringBuilder csv = new StringBuilder("address,hostname\n");
        for (int i = 0; i < n; i++) {
            csv.append("203.0.113.").append(i + 1).append(',').append(name(i)).append('\n');
        }
        Path file = dir.resolve("hosts.csv");
        Files.writeString(file, csv.toString());
        return file;
    }

    private static String name(int i) {
        return String.format("srv-%03d", i + 1);
    }

    private JarRunner.Result cbagent(String... args) {
        return new JarRunner(dir, ENV).run(args);
    }

    @Test
    void status_of_30_hosts_reports_registered_offline_and_missing_with_at_most_3_api_requests_and_exit_7()
            throws IOException {
        for (int i = 0; i < 20; i++) {
            sandbox.registerAgent(AgentRegistration.anonymous(name(i)));
        }
        for (int i = 20; i < 25; i++) {
            sandbox.seedStale(name(i));
        }
        Path report = dir.resolve("report.json");
        Path junit = dir.resolve("report.xml");
        long before = sandbox.apiRequests();
        JarRunner.Result r = cbagent("fleet", "status", "--hosts", hosts(30).toString(), "--profile", profile.toString(),
                "--report", report.toString(), "--junit", junit.toString(), "--output", "json");

        assertEquals(7, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(r.stdout());
        assertEquals("incomplete", doc.get("status").asText(), doc::toString);
        assertEquals(7, doc.get("exitCode").asInt(), doc::toString);
        // the report file is stdout's document without the envelope
        assertEquals(Envelopes.withoutEnvelope(doc), JSON.readTree(Files.readString(report)));
        assertEquals(30, doc.at("/summary/total").asInt());
        assertEquals(20, doc.at("/summary/registered").asInt(), doc::toString);
        assertEquals(5, doc.at("/summary/offline").asInt(), doc::toString);
        assertEquals(5, doc.at("/summary/missing").asInt(), doc::toString);
        assertEquals("offline", doc.get("hosts").get(20).get("status").asText());
        assertEquals("missing", doc.get("hosts").get(29).get("status").asText());
        assertTrue(sandbox.apiRequests() - before <= 3, () -> "API requests: " + sandbox.state().get("requests"));
        assertEquals(20, sandbox.state().get("registrations").asLong(), "no tool ran");
        String xml = Files.readString(junit);
        assertEquals(30, xml.split("<testcase ", -1).length - 1);
        assertEquals(10, xml.split("<failure ", -1).length - 1, xml);
    }

    @Test
    void status_says_conflict_for_two_live_machines_with_one_name_and_exit_0_when_all_are_registered()
            throws IOException {
        for (int i = 0; i < 3; i++) {
            sandbox.registerAgent(AgentRegistration.anonymous(name(i)));
        }
        JarRunner.Result ok = cbagent("fleet", "status", "--hosts", hosts(3).toString(), "--profile", profile.toString());
        assertEquals(0, ok.exitCode(), ok::toString);
        assertTrue(ok.stdout().contains("3 registered"), ok::toString);

        sandbox.seedTwin(name(1));
        JarRunner.Result twin = cbagent("fleet", "status", "--hosts", hosts(3).toString(), "--profile",
                profile.toString(), "--output", "json");
        assertEquals(7, twin.exitCode(), twin::toString);
        JsonNode host = JSON.readTree(twin.stdout()).get("hosts").get(1);
        assertEquals("conflict", host.get("status").asText(), host::toString);
    }

    @Test
    void a_dry_run_of_10_hosts_connects_to_nothing_plans_every_host_with_a_masked_command_line() throws IOException {
        sandbox.registerAgent(AgentRegistration.anonymous(name(0)));
        Path report = dir.resolve("report.json");
        JarRunner.Result r = cbagent("fleet", "run", "--dry-run", "--hosts", hosts(10).toString(), "--profile",
                profile.toString(), "--report", report.toString(), "--output", "json");

        assertEquals(0, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(r.stdout());
        assertEquals(10, doc.at("/summary/planned").asInt(), doc::toString);
        JsonNode first = doc.get("hosts").get(0);
        assertEquals("planned", first.get("status").asText());
        assertEquals("registered", first.get("server").asText());
        assertEquals("missing", doc.get("hosts").get(1).get("server").asText());
        String argv = first.get("argv").toString();
        assertTrue(argv.contains("--rain=") && argv.contains("--options-file="), argv);
        assertFalse(r.all().contains(SandboxConfig.DEFAULT_TOKEN), "the token leaked");
        assertFalse(r.all().contains(SandboxConfig.DEFAULT_PASSWORD), "the API password leaked");
        assertFalse(Files.readString(report).contains(SandboxConfig.DEFAULT_TOKEN));
        assertEquals(1, sandbox.state().get("registrations").asLong(), "nothing was installed");
    }

    @Test
    void a_dry_run_of_windows_hosts_prints_the_powershell_route_and_the_masked_command_line_per_host()
            throws IOException {
        Path windows = FleetTestProfiles.windows(dir, "C:\\dist\\CyberBackup_AgentForWindows_x64.exe",
                sandbox.baseUri());
        Path hosts = dir.resolve("mixed.csv");
        Files.writeString(hosts, "address,hostname,platform,profile\n"
                + "203.0.113.1,win-001,windows,\n"
                + "203.0.113.2,win-002,windows,\n"
                + "203.0.113.3,srv-003,linux," + profile + "\n");
        sandbox.registerAgent(AgentRegistration.anonymous("win-002"));

        JarRunner.Result json = cbagent("fleet", "run", "--dry-run", "--hosts", hosts.toString(), "--profile",
                windows.toString(), "--output", "json");
        assertEquals(0, json.exitCode(), json::toString);
        JsonNode doc = JSON.readTree(json.stdout());
        JsonNode win = doc.get("hosts").get(0);
        assertEquals("ssh+powershell", win.get("route").asText(), win::toString);
        assertEquals("C:\\dist\\CyberBackup_AgentForWindows_x64.exe", win.get("argv").get(0).asText());
        assertTrue(win.get("argv").toString().contains("\"--reg-token=******\""), win::toString);
        assertFalse(win.get("argv").toString().contains("--options-file"), "the Windows installer has no options file");
        assertFalse(win.get("rebootRequired").asBoolean());
        assertEquals("registered", doc.get("hosts").get(1).get("server").asText());
        JsonNode linux = doc.get("hosts").get(2);
        assertEquals("ssh+sh", linux.get("route").asText(), linux::toString);
        assertTrue(linux.get("argv").toString().contains("--options-file="), linux::toString);

        JarRunner.Result text = cbagent("fleet", "run", "--dry-run", "--hosts", hosts.toString(), "--profile",
                windows.toString());
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.stdout().contains("203.0.113.1 via ssh+powershell: C:\\dist\\CyberBackup_AgentForWindows_x64.exe"
                + " --quiet --installation-files=https://mgmt.example.ru/dl/ --registration=by-token --reg-address="
                + sandbox.baseUri() + " --reg-token=******\n"), text::toString);
        assertTrue(text.stdout().contains("203.0.113.3 via ssh+sh: "), text::toString);
        for (JarRunner.Result r : List.of(json, text)) {
            assertFalse(r.all().contains(SandboxConfig.DEFAULT_TOKEN), "the token leaked");
            assertFalse(r.all().contains(SandboxConfig.DEFAULT_PASSWORD), "the API password leaked");
        }
    }
}
