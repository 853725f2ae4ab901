package dev.cbagent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.support.Envelopes;
import dev.cbagent.support.JarRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.cbagent.fleet.LoopbackFleet.assertNoSecrets;
import static dev.cbagent.fleet.LoopbackFleet.countEvents;
import static dev.cbagent.fleet.LoopbackFleet.hostname;
import static dev.cbagent.fleet.LoopbackFleet.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: {@code fleet run} from the built jar against real OpenSSH servers on loopback addresses and the sandbox
 * management server, with the fake Linux installer as the vendor tool.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FleetRunIT {
    private static final int HOSTS = 20;
    private static final int HOSTS_PER_QUERY = 50;
    private static final Map<String, String> ENV = LoopbackFleet.SECRETS;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static LoopbackFleet loopback;

    @TempDir
    Path dir;
    SandboxServer sandbox;
    Path profile;

    @BeforeAll
    static void startHosts() throws Exception {
        loopback = LoopbackFleet.start(shared, HOSTS);
    }

    @AfterAll
    static void stopHosts() {
        LoopbackFleet.stop(loopback);
    }

    @BeforeEach
    void startSandbox() throws IOException {
        sandbox = SandboxServer.start(SandboxConfig.defaults());
        profile = FleetTestProfiles.linux(dir, loopback.installer(), sandbox.baseUri());
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    private JarRunner.Result fleet(String... args) {
        return new JarRunner(dir, ENV).run(args);
    }

    private Path hostList(int n, Map<Integer, String> extraEnv) throws IOException {
        return loopback.yamlHostList(dir, n, extraEnv);
    }

    private List<String> baseArgs(Path hosts, String... more) throws IOException {
        return loopback.runArgs(profile, hosts, more);
    }

    private Process startInBackground(List<String> args, String name) throws IOException {
        return LoopbackFleet.startJar(dir, ENV, args, name);
    }

    private long installs() {
        return sandbox.state().get("registrations").asLong();
    }

    @Test
    void every_host_is_installed_over_ssh_registered_and_reported_with_few_api_requests() throws Exception {
        Path hosts = hostList(HOSTS, Map.of());
        Path report = dir.resolve("report.json");
        Path junit = dir.resolve("report.xml");
        Path journal = dir.resolve("journal.jsonl");
        FileTime hostTmpBefore = Files.getLastModifiedTime(loopback.sshd().hostTmp());
        long started = System.nanoTime();
        JarRunner.Result r = fleet(baseArgs(hosts, "--parallel", "10", "--upload", "always", "--report",
                report.toString(), "--junit", junit.toString(), "--journal", journal.toString(), "--output", "json")
                .toArray(String[]::new));
        long runSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertEquals(0, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(r.stdout());
        assertEquals(HOSTS, doc.at("/summary/total").asInt(), r::toString);
        assertEquals(HOSTS, doc.at("/summary/registered").asInt(), r::toString);
        for (JsonNode host : doc.get("hosts")) {
            assertEquals("registered", host.get("status").asText(), host::toString);
            assertTrue(host.get("changed").asBoolean());
            assertFalse(host.get("resourceId").asText().isEmpty());
        }
        assertEquals("done", doc.get("status").asText(), r::toString);
        // the report file is stdout's document without the envelope
        assertEquals(Envelopes.withoutEnvelope(doc), JSON.readTree(Files.readString(report)));
        String xml = Files.readString(junit);
        assertEquals(HOSTS, xml.split("<testcase ", -1).length - 1, xml);
        assertFalse(xml.contains("<failure"), xml);
        assertEquals(HOSTS, installs());
        long bound = apiRequestBound(HOSTS, runSeconds);
        assertTrue(sandbox.apiRequests() <= bound, () -> "API requests " + sandbox.state().get("requests") + " for "
                + HOSTS + " hosts in " + runSeconds + " s, bound " + bound + ":\n" + r);
        for (Path file : List.of(report, junit, journal)) {
            assertNoSecrets(file.getFileName().toString(), Files.readString(file));
        }
        assertNoSecrets("the output", r.all());
        assertEquals(HOSTS, Files.readAllLines(journal).stream().filter(l -> l.contains("\"event\":\"registered\"")).count());
        // the hosts made their folders there (its time moved) and removed them all
        assertTrue(Files.getLastModifiedTime(loopback.sshd().hostTmp()).compareTo(hostTmpBefore) > 0);
        assertEquals(List.of(), privateFolders(), "private folders were left behind in the hosts' TMPDIR");
    }

    /**
     * The README's bound on the API requests of a fleet run: one login, one pre-check query and one query per
     * confirmation round for every {@value #HOSTS_PER_QUERY} hosts. Rounds start at least 1 s apart (2 s while
     * installs run, then each host's backoff of 1 s or more), plus one early round when the last install ends, so a
     * run of S seconds has at most S + 2 of them. The bound grows with the run's length, not with its hosts: a
     * confirmation per host would need HOSTS queries per round.
     */
    private static long apiRequestBound(int hosts, long runSeconds) {
        long queries = (hosts + HOSTS_PER_QUERY - 1) / HOSTS_PER_QUERY;
        long rounds = runSeconds + 2;
        return 1 + queries + queries * rounds;
    }

    private List<Path> privateFolders() throws IOException {
        try (Stream<Path> files = Files.list(loopback.sshd().hostTmp())) {
            return files.filter(p -> p.getFileName().toString().startsWith("cbagent-fleet.")).sorted().toList();
        }
    }

    @Test
    void a_protection_section_puts_all_hosts_into_the_group_with_one_patch_and_an_unknown_plan_installs_nothing()
            throws Exception {
        String groupId = sandbox.addStaticGroup("Servers");
        sandbox.addPlan("Daily backup");
        Path hosts = hostList(3, Map.of());
        Files.writeString(profile, Files.readString(profile) + "protection:\n  group: Servers\n  plan: No such plan\n");
        JarRunner.Result unknown = fleet(baseArgs(hosts).toArray(String[]::new));
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.stderr().contains("No such plan"), unknown::toString);
        assertEquals(0, installs());

        Files.writeString(profile, Files.readString(profile).replace("No such plan", "Daily backup"));
        Path report = dir.resolve("report.json");
        JarRunner.Result r = fleet(baseArgs(hosts, "--report", report.toString()).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(Files.readString(report));
        for (JsonNode host : doc.get("hosts")) {
            assertEquals("registered", host.get("status").asText(), host::toString);
            assertTrue(host.at("/protection/deployed").asBoolean(), host::toString);
            assertTrue(host.at("/protection/addedToGroup").asBoolean(), host::toString);
        }
        assertEquals(3, sandbox.groupMembers("Servers").size());
        assertEquals(1, sandbox.apiRequests("/api/v1/groups/" + groupId + "/resources"), "one PATCH for all hosts");
        assertNoSecrets("the output", r.all());
    }

    @Test
    void a_failing_installer_fails_its_host_with_step_and_exit_code_and_already_registered_hosts_are_unchanged()
            throws Exception {
        // node-001 is registered and its agent knows it (its identity file holds the ids), as after an earlier install.
        dev.cbagent.sandbox.RegisteredAgent registered = sandbox.registerAgent(
                new dev.cbagent.sandbox.AgentRegistration(hostname(0), null, null, null, null, false, "linux"));
        dev.cbagent.sandbox.fake.AgentConfigFile.under(dir.resolve("agents").resolve(hostname(0)))
                .write(registered.resourceId(), registered.agentId());
        Path hosts = hostList(4, Map.of(2, "CBAGENT_FAKE_EXIT: 3"));
        Path report = dir.resolve("report.json");
        Path junit = dir.resolve("report.xml");
        JarRunner.Result r = fleet(baseArgs(hosts, "--report", report.toString(), "--junit", junit.toString())
                .toArray(String[]::new));

        assertEquals(7, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(Files.readString(report));
        assertEquals(4, doc.at("/summary/total").asInt());
        assertEquals(1, doc.at("/summary/unchanged").asInt(), doc::toString);
        assertEquals(2, doc.at("/summary/registered").asInt(), doc::toString);
        assertEquals(1, doc.at("/summary/failed").asInt(), doc::toString);
        JsonNode failed = doc.get("hosts").get(2);
        assertEquals("failed", failed.get("status").asText());
        assertEquals("install", failed.get("step").asText());
        assertEquals(3, failed.get("exitCode").asInt());
        JsonNode unchanged = doc.get("hosts").get(0);
        assertEquals("unchanged", unchanged.get("status").asText());
        assertFalse(unchanged.get("changed").asBoolean());
        assertEquals(registered.resourceId(), unchanged.get("resourceId").asText(), "confirmed by its own id");
        assertTrue(Files.readString(junit).contains("<failure type=\"install\" message=\"step install, exit code 3"));
        assertTrue(r.stdout().contains("failed"), r::toString);
        assertEquals(1 + 2, installs(), "the unchanged host must not be installed again");
        assertNoSecrets("the output", r.all());
    }

    @Test
    void a_run_killed_midway_is_resumed_without_installing_any_host_twice() throws Exception {
        int n = 12;
        Map<Integer, String> slow = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            slow.put(i, "CBAGENT_FAKE_SLEEP: '1'");
        }
        Path hosts = hostList(n, slow);
        Path journal = dir.resolve("journal.jsonl");
        // The server shows a new machine only 2 s after its registration: a host that registered just before the
        // kill is not on the server yet when the run resumes, so only its agent's identity tells it is done.
        sandbox.faults().set(dev.cbagent.sandbox.Faults.none().withAppearAfterMs(2_000));
        Process first = startInBackground(baseArgs(hosts, "--parallel", "3", "--journal", journal.toString()), "first");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (countEvents(journal, "installed") < 4 && first.isAlive() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(first.isAlive(), () -> "the first run ended before it could be killed: " + read(dir.resolve("first.err")));
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        first.waitFor(10, TimeUnit.SECONDS);
        long installedBefore = countEvents(journal, "installed");
        assertTrue(installedBefore < n, "killed too late to test anything");

        JarRunner.Result r = fleet(baseArgs(hosts, "--parallel", "3", "--journal", journal.toString(), "--resume",
                "--output", "json").toArray(String[]::new));

        assertEquals(0, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(r.stdout());
        assertEquals(n, doc.at("/summary/registered").asInt() + doc.at("/summary/unchanged").asInt(), r::toString);
        assertEquals(n, installs(), () -> "each host must be installed exactly once:\n" + r);
        assertEquals(n, sandbox.state().get("machines").asLong(), r::toString);
    }

    @Test
    void a_run_killed_after_a_host_registered_but_before_its_agent_recorded_the_identity_does_not_register_it_again()
            throws Exception {
        // node-001's installer registers at once, then takes 60 s to write the ids the server answered: the kill
        // falls between the two, so the server has the machine and the host does not know it.
        Path hosts = hostList(1, Map.of(0, "CBAGENT_FAKE_RECORD_DELAY: '60'"));
        Path journal = dir.resolve("journal.jsonl");
        Process first = startInBackground(baseArgs(hosts, "--journal", journal.toString()), "first");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (installs() < 1 && first.isAlive() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(first.isAlive(), () -> "the first run ended before it could be killed: " + read(dir.resolve("first.err")));
        assertEquals(1, installs(), "the host registered before the kill");
        first.destroyForcibly();
        first.waitFor(10, TimeUnit.SECONDS);
        Path root = dir.resolve("agents").resolve(hostname(0));
        assertTrue(Files.exists(root.resolve(dev.cbagent.sandbox.fake.AgentConfigFile.RELATIVE_PATH)), "installed");
        assertEquals(null, dev.cbagent.sandbox.fake.AgentConfigFile.under(root).read().instanceId(),
                "the kill came before the agent recorded its identity");
        assertEquals(0, countEvents(journal, "installed"), "the journal shows the host started, not installed");

        JarRunner.Result r = fleet(baseArgs(hosts, "--journal", journal.toString(), "--resume", "--output", "json")
                .toArray(String[]::new));

        assertEquals(0, r.exitCode(), r::toString);
        JsonNode host = JSON.readTree(r.stdout()).get("hosts").get(0);
        assertEquals("registered", host.get("status").asText(), r::toString);
        assertEquals(1, installs(), () -> "registered once, not installed again:\n" + r);
        assertEquals(1, sandbox.state().get("machines").asLong(), r::toString);
        assertTrue(r.stderr().contains("started in an earlier run and has no agent identity"), r::toString);
    }

    @Test
    void a_cloned_host_fails_at_step_identity_while_its_original_is_unchanged_and_same_named_hosts_are_both_fine()
            throws Exception {
        dev.cbagent.sandbox.RegisteredAgent original = sandbox.registerAgent(
                new dev.cbagent.sandbox.AgentRegistration(hostname(0), null, null, null, null, false, "linux"));
        // node-001 was installed; node-002 was cloned from its image and carries the same ids.
        for (int i : new int[]{0, 1}) {
            dev.cbagent.sandbox.fake.AgentConfigFile.under(dir.resolve("agents").resolve(hostname(i)))
                    .write(original.resourceId(), original.agentId());
        }
        Path hosts = hostList(4, Map.of());
        // The last two hosts have no hostname in the list and report the same name over SSH (VMs from one
        // template: here both are this machine), but each gets its own agent.
        String template = new String(new ProcessBuilder("hostname").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).strip();
        String list = Files.readString(hosts);
        for (int i : new int[]{2, 3}) {
            list = list.replace("    hostname: " + hostname(i) + "\n", "")
                    .replace("CBAGENT_FAKE_HOSTNAME: " + hostname(i), "CBAGENT_FAKE_HOSTNAME: " + template);
        }
        Files.writeString(hosts, list);
        Path report = dir.resolve("report.json");
        JarRunner.Result r = fleet(baseArgs(hosts, "--report", report.toString()).toArray(String[]::new));

        assertEquals(7, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(Files.readString(report));
        JsonNode originalHost = doc.get("hosts").get(0);
        assertEquals("unchanged", originalHost.get("status").asText(), doc::toString);
        assertEquals(original.resourceId(), originalHost.get("resourceId").asText());
        JsonNode clone = doc.get("hosts").get(1);
        assertEquals("failed", clone.get("status").asText(), doc::toString);
        assertEquals("identity", clone.get("step").asText());
        assertTrue(clone.get("error").asText().contains(hostname(0)), clone::toString);
        JsonNode a = doc.get("hosts").get(2);
        JsonNode b = doc.get("hosts").get(3);
        assertEquals("registered", a.get("status").asText(), doc::toString);
        assertEquals("registered", b.get("status").asText(), doc::toString);
        assertFalse(a.get("resourceId").asText().equalsIgnoreCase(b.get("resourceId").asText()),
                "two machines with one name are two machines: " + doc);
        assertEquals(1 + 2, installs(), "only the two new hosts were installed");
        assertEquals(hostname(0), sandbox.machine(original.resourceId()).orElseThrow().get("name").asText(),
                "the original's record is untouched");
    }

    @Test
    void with_identity_reset_a_cloned_host_is_cleared_restarted_once_and_registered_as_a_new_machine()
            throws Exception {
        dev.cbagent.sandbox.RegisteredAgent original = sandbox.registerAgent(
                new dev.cbagent.sandbox.AgentRegistration("golden-image", null, null, null, null, false, "linux"));
        Path root = dir.resolve("agents").resolve(hostname(0));
        dev.cbagent.sandbox.fake.AgentConfigFile.under(root).write(original.resourceId(), original.agentId());
        Files.writeString(profile, Files.readString(profile).replace("registration:\n", "registration:\n"
                + "  identity: reset\n  serviceRestart: [" + loopback.fakes().serviceRestart() + ", restart, acronis_mms]\n"));
        Path report = dir.resolve("report.json");
        JarRunner.Result r = fleet(baseArgs(hostList(1, Map.of()), "--report", report.toString()).toArray(String[]::new));

        assertEquals(0, r.exitCode(), r::toString);
        JsonNode host = JSON.readTree(Files.readString(report)).get("hosts").get(0);
        assertEquals("registered", host.get("status").asText(), host::toString);
        assertFalse(original.resourceId().equalsIgnoreCase(host.get("resourceId").asText()), "a new machine: " + host);
        assertEquals(1, Files.readAllLines(root.resolve("var/lib/cbagent-fake/restarts.log")).size(), "one restart");
        assertTrue(host.get("resourceId").asText().equalsIgnoreCase(
                dev.cbagent.sandbox.fake.AgentConfigFile.under(root).read().instanceId()), "the host has the new id");
        assertEquals("golden-image", sandbox.machine(original.resourceId()).orElseThrow().get("name").asText(),
                "the original's record is untouched");
    }

    @Test
    void a_stop_signal_ends_the_run_cleanly_with_exit_7_journal_report_and_where_it_stopped() throws Exception {
        int n = 9;
        Map<Integer, String> slow = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            slow.put(i, "CBAGENT_FAKE_SLEEP: '1'");
        }
        Path hosts = hostList(n, slow);
        Path journal = dir.resolve("journal.jsonl");
        Path report = dir.resolve("report.json");
        Process run = startInBackground(baseArgs(hosts, "--parallel", "2", "--journal", journal.toString(),
                "--report", report.toString()), "run");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (countEvents(journal, "installed") < 2 && run.isAlive() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        run.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the run stops and ends the ordinary way
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), "the run did not stop");
        String err = read(dir.resolve("run.err"));
        assertEquals(7, run.exitValue(), err);
        assertTrue(err.contains("stopped: ") && err.contains("continue with --resume --journal " + journal), err);
        JsonNode doc = JSON.readTree(Files.readString(report));
        assertTrue(doc.at("/summary/failed").asInt() > 0, doc::toString);
        assertTrue(read(dir.resolve("run.out")).contains("not started"), err);

        JarRunner.Result resumed = fleet(baseArgs(hosts, "--journal", journal.toString(), "--resume")
                .toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertEquals(n, installs(), resumed::toString);
    }

    @Test
    void an_unknown_host_key_fails_the_host_in_strict_mode_and_accept_new_records_it() throws Exception {
        Path hosts = hostList(2, Map.of());
        Path known = dir.resolve("empty_known_hosts");
        Files.writeString(known, "");
        List<String> args = new ArrayList<>(List.of("fleet", "run", "--hosts", hosts.toString(), "--profile",
                profile.toString(), "--known-hosts", known.toString(), "--output", "json"));
        JarRunner.Result strict = fleet(args.toArray(String[]::new));

        assertEquals(7, strict.exitCode(), strict::toString);
        JsonNode doc = JSON.readTree(strict.stdout());
        for (JsonNode host : doc.get("hosts")) {
            assertEquals("connect", host.get("step").asText(), host::toString);
            assertTrue(host.get("error").asText().contains("unknown host key"), host::toString);
        }
        assertEquals(0, installs());

        args.addAll(List.of("--strict-host-key-checking", "accept-new"));
        JarRunner.Result acceptNew = fleet(args.toArray(String[]::new));
        assertEquals(0, acceptNew.exitCode(), acceptNew::toString);
        assertEquals(2, Files.readAllLines(known).size(), () -> read(known));
    }

    @Test
    void a_bad_host_list_is_refused_with_its_line_number() throws Exception {
        Path hosts = dir.resolve("hosts.txt");
        Files.writeString(hosts, "# fleet\nroot@127.0.0.2\n127.0.0.3:99999\n");
        JarRunner.Result r = fleet("fleet", "run", "--hosts", hosts.toString(), "--profile", profile.toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains(hosts + ":3: error: port must be a number 1-65535, got '99999'"), r::toString);
        assertFalse(r.stderr().contains("Exception"), r::toString);
        assertEquals(0, sandbox.apiRequests());
    }
}
