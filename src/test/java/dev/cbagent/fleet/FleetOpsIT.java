package dev.cbagent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cbagent.sandbox.Faults;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.cbagent.fleet.LoopbackFleet.assertNoSecrets;
import static dev.cbagent.fleet.LoopbackFleet.countEvents;
import static dev.cbagent.fleet.LoopbackFleet.hostname;
import static dev.cbagent.fleet.LoopbackFleet.read;
import static dev.cbagent.fleet.LoopbackFleet.agentRoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box, from the built jar against loopback OpenSSH hosts and the sandbox: Ansible inventories with
 * {@code --limit}, the journal's lock and torn lines, output paths checked before any host is touched, and truthful
 * reports (installed-but-unconfirmed hosts of a stopped run, failed hosts' last lines and logs).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FleetOpsIT {
    private static final int HOSTS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static LoopbackFleet loopback;

    @TempDir
    Path dir;
    SandboxServer sandbox;
    Path profile;
    Path logs;

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
        logs = dir.resolve("logs");
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(LoopbackFleet.SECRETS);
        env.put("CBAGENT_LOG_DIR", logs.toString());
        return env;
    }

    private JarRunner.Result fleet(List<String> args) {
        return new JarRunner(dir, env()).run(args.toArray(String[]::new));
    }

    private List<String> args(Path hosts, String... more) throws IOException {
        return loopback.runArgs(profile, hosts, more);
    }

    private Process start(List<String> args, String name) throws IOException {
        return LoopbackFleet.startJar(dir, env(), args, name);
    }

    private Path yamlList(int n, Map<Integer, String> extraEnv) throws IOException {
        return loopback.yamlHostList(dir, n, extraEnv);
    }

    private static Map<Integer, String> slow(int n, String seconds) {
        Map<Integer, String> env = new HashMap<>();
        for (int i = 0; i < n; i++) {
            env.put(i, "CBAGENT_FAKE_SLEEP: '" + seconds + "'");
        }
        return env;
    }

    private long installs() {
        return sandbox.state().get("registrations").asLong();
    }

    @Test
    void an_ini_inventory_with_limit_web_enrols_exactly_the_web_hosts() throws Exception {
        StringBuilder ini = new StringBuilder("# loopback fleet\n[web]\n");
        for (int i = 0; i < HOSTS; i++) {
            if (i == 3) {
                ini.append("\n[db]\n");
            }
            ini.append(hostname(i)).append(" ansible_host=").append(loopback.sshd().addresses().get(i))
                    .append(" ansible_port=").append(loopback.sshd().port(i))
                    .append(" cbagent_env_CBAGENT_FAKE_HOSTNAME=").append(hostname(i))
                    .append(" cbagent_env_CBAGENT_AGENT_ROOT=").append(agentRoot(dir, i)).append('\n');
        }
        ini.append("\n[linux:children]\nweb\ndb\n\n[linux:vars]\nansible_user=root\nansible_ssh_private_key_file=")
                .append(loopback.sshd().clientKey()).append("\n");
        Path inventory = dir.resolve("inventory.ini");
        Files.writeString(inventory, ini.toString());
        Path report = dir.resolve("report.json");

        JarRunner.Result r = fleet(args(inventory, "--limit", "web", "--report", report.toString()));

        assertEquals(0, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(Files.readString(report));
        assertEquals(3, doc.at("/summary/total").asInt(), doc::toString);
        List<String> names = new ArrayList<>();
        doc.get("hosts").forEach(h -> names.add(h.get("hostname").asText()));
        assertEquals(List.of(hostname(0), hostname(1), hostname(2)), names);
        doc.get("hosts").forEach(h -> assertEquals("registered", h.get("status").asText(), h::toString));
        assertEquals(3, installs(), "only the web hosts were installed");
        for (int i = 3; i < HOSTS; i++) {
            assertFalse(Files.exists(agentRoot(dir, i)), "a db host was touched: " + hostname(i));
        }
        assertTrue(r.stderr().contains("--limit web: 3 of 6 hosts"), r::toString);

        // fleet status takes the same limit: the web hosts are registered, the db hosts missing (never installed).
        JarRunner.Result webStatus = fleet(List.of("fleet", "status", "--hosts", inventory.toString(), "--profile",
                profile.toString(), "--limit", "web", "--output", "json"));
        assertEquals(0, webStatus.exitCode(), webStatus::toString);
        assertEquals(3, JSON.readTree(webStatus.stdout()).at("/summary/registered").asInt(), webStatus::toString);
        JarRunner.Result dbStatus = fleet(List.of("fleet", "status", "--hosts", inventory.toString(), "--profile",
                profile.toString(), "--limit", "db", "--output", "json"));
        assertEquals(7, dbStatus.exitCode(), dbStatus::toString);
        JsonNode db = JSON.readTree(dbStatus.stdout());
        assertEquals(3, db.at("/summary/total").asInt(), db::toString);
        db.get("hosts").forEach(h -> assertEquals("missing", h.get("status").asText(), h::toString));

        JarRunner.Result unknown = fleet(args(inventory, "--limit", "webs"));
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertEquals("cbagent: error: --limit: 'webs' matches no group or host in " + inventory,
                unknown.stderr().strip(), unknown::toString);
        assertEquals(3, installs());
    }

    @Test
    void a_second_run_on_a_locked_journal_exits_2_at_once_naming_the_holder() throws Exception {
        int n = 3;
        Path hosts = yamlList(n, slow(n, "3"));
        Path journal = dir.resolve("journal.jsonl");
        Process first = start(args(hosts, "--parallel", "3", "--journal", journal.toString()), "first");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (countEvents(journal, "started") < 1 && first.isAlive() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(first.isAlive(), () -> "the first run ended too soon: " + read(dir.resolve("first.err")));

        long started = System.nanoTime();
        JarRunner.Result second = fleet(args(hosts, "--journal", journal.toString(), "--resume"));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        boolean firstStillRunning = first.isAlive();

        assertEquals(2, second.exitCode(), second::toString);
        assertTrue(firstStillRunning, "the lock was not held while the second run was refused");
        assertTrue(second.stderr().contains("is in use by another cbagent fleet run (pid " + first.pid() + ")"),
                second::toString);
        assertEquals(1, second.stderr().strip().lines().count(), second::toString);
        assertTrue(seconds < 10, "the second run was not refused at once: " + seconds + " s");

        assertTrue(first.waitFor(90, TimeUnit.SECONDS), "the first run did not end");
        assertEquals(0, first.exitValue(), read(dir.resolve("first.err")));
        assertEquals(n, installs(), "every host was installed exactly once");
        for (String line : Files.readAllLines(journal)) {
            assertTrue(line.startsWith("{") && line.endsWith("}") && JSON.readTree(line).has("event"), line);
        }
        assertFalse(Files.exists(dir.resolve("journal.jsonl.lock")), "the pid file is removed at the end");
    }

    @Test
    void a_torn_utf8_last_line_is_ignored_with_a_warning_on_resume() throws Exception {
        Path hosts = yamlList(2, Map.of(1, "CBAGENT_FAKE_EXIT: '5'"));
        Path journal = dir.resolve("journal.jsonl");
        JarRunner.Result first = fleet(args(hosts, "--journal", journal.toString()));
        assertEquals(7, first.exitCode(), first::toString);
        // A crash while writing an event for a host named in Cyrillic: the line stops inside a two-byte character.
        byte[] torn = ("{\"time\":\"2026-01-01T00:00:00Z\",\"address\":\"127.0.0.3\",\"hostname\":\"узел")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(journal, java.util.Arrays.copyOf(torn, torn.length - 1), java.nio.file.StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(journal);
        assertTrue((before[before.length - 1] & 0xC0) == 0xC0, "the journal must end inside a UTF-8 character");

        Files.writeString(hosts, Files.readString(hosts).replace(", CBAGENT_FAKE_EXIT: '5'", ""));
        JarRunner.Result resumed = fleet(args(hosts, "--journal", journal.toString(), "--resume", "--output", "json"));

        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertTrue(resumed.stderr().contains("ignoring a torn last line"), resumed::toString);
        assertFalse(resumed.all().contains("Input length"), resumed::toString);
        JsonNode doc = JSON.readTree(resumed.stdout());
        assertEquals(2, doc.at("/summary/registered").asInt(), doc::toString);
        assertEquals(2, installs(), "the first host was not installed again");
        byte[] after = Files.readAllBytes(journal);
        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(after)); // all valid UTF-8 again
        assertEquals('\n', after[after.length - 1]);
    }

    @Test
    void an_unwritable_report_path_is_refused_before_any_host_is_touched() throws Exception {
        Path hosts = yamlList(2, Map.of());
        Path notAFolder = dir.resolve("reports");
        Files.writeString(notAFolder, "a file, not a folder\n");
        Path report = notAFolder.resolve("report.json");
        Path journal = dir.resolve("journal.jsonl");

        JarRunner.Result r = fleet(args(hosts, "--journal", journal.toString(), "--report", report.toString()));

        assertEquals(2, r.exitCode(), r::toString);
        assertEquals(1, r.stderr().strip().lines().count(), r::toString);
        assertTrue(r.stderr().contains("--report " + report + ": cannot write there: " + notAFolder
                + " is not a folder"), r::toString);
        assertEquals(0, installs());
        assertEquals(0, sandbox.apiRequests(), "not even the API was asked");
        for (int i = 0; i < 2; i++) {
            assertFalse(Files.exists(agentRoot(dir, i)), "the fake installer ran on " + hostname(i));
        }
        assertFalse(Files.exists(journal), "the journal was created");

        JarRunner.Result same = fleet(args(hosts, "--report", journal.toString(), "--journal", journal.toString()));
        assertEquals(2, same.exitCode(), same::toString);
        assertTrue(same.stderr().contains("--report and --journal name the same file"), same::toString);
        assertEquals(0, installs());
    }

    @Test
    void a_stopped_run_reports_installed_hosts_as_installed_and_resume_confirms_them_without_installing()
            throws Exception {
        int n = 4;
        Path hosts = yamlList(n, slow(n, "0.5"));
        Path journal = dir.resolve("journal.jsonl");
        Path report = dir.resolve("report.json");
        // The server shows a new machine only 8 s after its registration: installed hosts wait for confirmation.
        sandbox.faults().set(Faults.none().withAppearAfterMs(8_000));
        Process run = start(args(hosts, "--parallel", "2", "--journal", journal.toString(), "--report",
                report.toString()), "run");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (countEvents(journal, "installed") < 2 && run.isAlive() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(run.isAlive(), () -> "the run ended before it could be stopped: " + read(dir.resolve("run.err")));
        run.destroy(); // SIGTERM
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), "the run did not stop");
        String err = read(dir.resolve("run.err"));
        assertEquals(7, run.exitValue(), err);

        JsonNode doc = JSON.readTree(Files.readString(report));
        long installedEvents = countEvents(journal, "installed");
        assertTrue(installedEvents >= 2, "the fault did not happen: nothing was installed before the stop");
        assertEquals(0, countEvents(journal, "registered"), "the fault did not happen: a host was confirmed");
        assertEquals(installedEvents, doc.at("/summary/installed").asLong(), doc::toString);
        for (JsonNode host : doc.get("hosts")) {
            String status = host.get("status").asText();
            assertFalse(status.equals("registered"), host::toString);
            if (status.equals("installed")) {
                assertTrue(host.get("changed").asBoolean(), host::toString);
                assertTrue(host.get("error").asText().contains("not confirmed yet"), host::toString);
            }
        }
        assertTrue(err.contains("installed but not confirmed yet"), err);
        assertTrue(err.contains("waiting for confirmation"), err);

        JarRunner.Result resumed = fleet(args(hosts, "--journal", journal.toString(), "--resume", "--output", "json"));
        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertEquals(n, installs(), () -> "each host was installed exactly once:\n" + resumed);
    }

    @Test
    void a_failed_host_carries_the_installers_last_lines_masked_and_a_private_log_named_in_report_and_junit()
            throws Exception {
        Path script = dir.resolve("noisy-installer.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "echo 'unpacking 1 of 3'\n"
                + "for a in \"$@\"; do case $a in --options-file=*) cat \"${a#--options-file=}\" ;; esac; done\n"
                + "echo 'fatal: no space left on /opt' >&2\n"
                + "exit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        profile = FleetTestProfiles.linux(dir, script, sandbox.baseUri());
        Path hosts = yamlList(1, Map.of());
        Path report = dir.resolve("report.json");
        Path junit = dir.resolve("report.xml");

        JarRunner.Result r = fleet(args(hosts, "--report", report.toString(), "--junit", junit.toString()));

        assertEquals(7, r.exitCode(), r::toString);
        JsonNode host = JSON.readTree(Files.readString(report)).get("hosts").get(0);
        assertEquals("failed", host.get("status").asText(), host::toString);
        assertEquals(3, host.get("exitCode").asInt());
        assertTrue(host.get("error").asText().endsWith("fatal: no space left on /opt"), host::toString);
        List<String> output = new ArrayList<>();
        host.get("output").forEach(l -> output.add(l.asText()));
        assertTrue(output.contains("unpacking 1 of 3"), host::toString);
        assertTrue(output.stream().anyMatch(l -> l.contains("--token=******")), "the token line, masked: " + host);
        Path log = Path.of(host.get("log").asText());
        assertTrue(log.startsWith(logs) && log.getParent().getFileName().toString().startsWith("fleet-"), log::toString);
        assertEquals(loopback.sshd().addresses().get(0) + ":" + loopback.sshd().port(0), host.get("address").asText());
        assertEquals(HostLogs.fileName(host.get("address").asText()) + ".log", log.getFileName().toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
        String text = Files.readString(log);
        assertTrue(text.contains("unpacking 1 of 3") && text.contains("fatal: no space left on /opt"), text);
        assertTrue(Files.readString(junit).contains("(log: " + log + ")"), Files.readString(junit));
        assertTrue(r.stdout().contains("logs of failed hosts: " + log.getParent()), r::toString);
        for (String what : List.of(text, Files.readString(report), Files.readString(junit), r.all())) {
            assertNoSecrets("the outputs", what);
        }
    }
}
