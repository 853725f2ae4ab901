package dev.cbagent.fleet;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.ApiConfig;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.error.Redactor;
import dev.cbagent.exec.Runner;
import dev.cbagent.exec.StepOutcome;
import dev.cbagent.exec.StepRun;
import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.plan.Action;
import dev.cbagent.plan.Arg;
import dev.cbagent.platform.identity.AgentIdentity;
import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.sandbox.RegisteredAgent;
import dev.cbagent.plan.Argv;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.plan.Step;
import dev.cbagent.protect.ProtectionService;
import dev.cbagent.protect.ProtectionTimings;
import dev.cbagent.sandbox.AgentRegistration;
import dev.cbagent.sandbox.Faults;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.verify.RegistrationVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run's logic without SSH: a fake {@link HostWork} "installs" by registering the host with an in-process
 * sandbox management server, which the real verifier then asks.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FleetRunnerTest {
    private static final Confirmations.Timing FAST = new Confirmations.Timing(Duration.ofMillis(100),
            Duration.ofMillis(50), Duration.ofMillis(200));

    @TempDir
    Path dir;
    SandboxServer sandbox;
    final StringWriter progressText = new StringWriter();
    final StopSignal stop = new StopSignal();

    @BeforeEach
    void start() {
        sandbox = SandboxServer.start(SandboxConfig.defaults());
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    /** What the fake does per host: how long it takes, what it exits with, whether the host then registers. */
    private record Behaviour(Duration takes, int exit, boolean registers) {
        static Behaviour ok(long millis) {
            return new Behaviour(Duration.ofMillis(millis), 0, true);
        }
    }

    /** Installs by waiting and registering with the sandbox; remembers the order of events. */
    private final class FakeHosts implements HostWork {
        final Map<String, Behaviour> behaviour = new ConcurrentHashMap<>();
        final List<String> installed = Collections.synchronizedList(new ArrayList<>());
        final Map<String, AgentIdentity> identities = new ConcurrentHashMap<>();
        /** Hosts whose installer succeeds with Windows' "reboot pending" exit code 3010. */
        final java.util.Set<String> rebooting = ConcurrentHashMap.newKeySet();
        volatile CountDownLatch gate;
        /** When set, each install first reads this journal: hosts whose started event was not on disk yet. */
        volatile Path journalToCheck;
        final List<String> connectedBeforeStarted = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String askHostname(Host host, Instant deadline) {
            return "asked-" + host.address();
        }

        @Override
        public Runner runner(Host host, HostPlan plan) {
            return new Runner() {
                @Override
                public String route() {
                    return "fake";
                }

                @Override
                public Session open(Instant deadline, Listener listener) {
                    String name = host.hostname() != null ? host.hostname() : askHostname(host, deadline);
                    if (journalToCheck != null && JournalReader.read(journalToCheck).stream().noneMatch(e ->
                            e.address().equals(host.label()) && JournalEvent.STARTED.equals(e.event()))) {
                        connectedBeforeStarted.add(host.label());
                    }
                    LocalAgent before = identityOf(name);
                    return new Session() {
                        @Override
                        public LocalAgent identity() {
                            return before;
                        }

                        @Override
                        public StepRun run(Step step, boolean resetIdentityFirst) throws InterruptedException {
                            Behaviour b = behaviour.getOrDefault(name, Behaviour.ok(50));
                            if (gate != null) {
                                gate.await();
                            }
                            listener.uploaded(true);
                            Thread.sleep(b.takes().toMillis());
                            if (b.exit() == 0) {
                                if (b.registers()) {
                                    registered(name, sandbox.registerAgent(new AgentRegistration(name, null, null, null,
                                            null, false, "linux")));
                                }
                                installed.add(name);
                            }
                            int exit = b.exit() != 0 ? b.exit() : rebooting.contains(name) ? 3010 : 0;
                            return new StepRun(List.of(new StepOutcome(step.name(), exit, b.takes(), null, false,
                                    exit == 3010, List.of())), identityOf(name), null);
                        }

                        @Override
                        public void close() {
                        }
                    };
                }
            };
        }

        /** The host now carries the identity of that registration, as the real agent would. */
        void registered(String name, RegisteredAgent agent) {
            identities.put(name, new AgentIdentity(agent.resourceId(), agent.agentId()));
        }

        /** Hosts with an agent but no identity yet (an installer stopped before the agent wrote its ids). */
        final java.util.Set<String> agentWithoutIdentity = ConcurrentHashMap.newKeySet();

        /** Hosts whose agent identity cannot be read (permissions, an unknown format). */
        final java.util.Set<String> unreadable = ConcurrentHashMap.newKeySet();

        LocalAgent identityOf(String name) {
            if (unreadable.contains(name)) {
                return LocalAgent.unreadable(name, "permission denied");
            }
            AgentIdentity id = identities.get(name);
            if (id == null && agentWithoutIdentity.contains(name)) {
                return new LocalAgent(LocalAgent.State.NO_IDENTITY, null, name, null, null);
            }
            return id == null ? LocalAgent.notInstalled(name)
                    : new LocalAgent(LocalAgent.State.IDENTIFIED, id, name, null, null);
        }
    }

    private List<Host> hosts(int n) {
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hosts.add(new Host("10.0.0." + (i + 1), 22, "root", "node-" + (i + 1), null, null, false, null, null,
                    Map.of(), i + 1));
        }
        return hosts;
    }

    private Map<String, HostPlan> plans(List<Host> hosts, Duration verifyTimeout) {
        return plans(hosts, verifyTimeout, null);
    }

    private Map<String, HostPlan> plans(List<Host> hosts, Duration verifyTimeout, ProtectionPlan protection) {
        ApiTarget target = new ApiTarget(ApiConfig.of(sandbox.baseUri(), SandboxConfig.DEFAULT_LOGIN,
                SandboxConfig.DEFAULT_PASSWORD), false, verifyTimeout);
        Step step = new Step("install", Action.INSTALL, Argv.of("/opt/installer.bin", "--auto"),
                List.of(Arg.secret("--token=", "s3cret")), "--options-file", Duration.ofMinutes(1), List.of());
        Map<String, HostPlan> plans = new LinkedHashMap<>();
        for (Host h : hosts) {
            plans.put(h.label(), new HostPlan(step, dir.resolve("installer.bin"), target, new Redactor(List.of("s3cret")),
                    protection));
        }
        return plans;
    }

    private FleetReport run(FakeHosts fake, List<Host> hosts, int parallel, Duration verifyTimeout, Journal journal) {
        Function<ApiTarget, RegistrationVerifier> verifiers = t -> new RegistrationVerifier(new ApiClient(t.config()));
        FleetRunner runner = new FleetRunner(new FleetRunner.Settings(parallel, Duration.ofMinutes(1), UploadMode.AUTO),
                fake, FAST, verifiers, journal, ResumeState.empty(),
                new FleetProgress(new PrintWriter(progressText, true), false), stop);
        return runner.run(hosts, plans(hosts, verifyTimeout));
    }

    private FleetReport runResumed(FakeHosts fake, List<Host> hosts, ResumeState resume) {
        Function<ApiTarget, RegistrationVerifier> verifiers = t -> new RegistrationVerifier(new ApiClient(t.config()));
        FleetRunner runner = new FleetRunner(new FleetRunner.Settings(hosts.size(), Duration.ofMinutes(1),
                UploadMode.AUTO), fake, FAST, verifiers, null, resume,
                new FleetProgress(new PrintWriter(progressText, true), false), stop);
        return runner.run(hosts, plans(hosts, Duration.ofSeconds(20)));
    }

    private FleetReport runProtected(FakeHosts fake, List<Host> hosts, ProtectionPlan protection, Journal journal,
                                     ResumeState resume) {
        Function<ApiTarget, RegistrationVerifier> verifiers = t -> new RegistrationVerifier(new ApiClient(t.config()));
        Function<ApiTarget, ProtectionService> protections = t -> new ProtectionService(new ApiClient(t.config()),
                Clock.systemUTC(), stop.sleeper(), new ProtectionTimings(Duration.ofMillis(20), Duration.ofMillis(100)),
                line -> { });
        FleetRunner runner = new FleetRunner(new FleetRunner.Settings(3, Duration.ofMinutes(1), UploadMode.AUTO),
                fake, FAST, verifiers, protections, journal, resume,
                new FleetProgress(new PrintWriter(progressText, true), false), stop);
        return runner.run(hosts, plans(hosts, Duration.ofSeconds(10), protection));
    }

    private static ProtectionPlan protection(String group, String plan, Duration waitDeployed) {
        return new ProtectionPlan(group, false, plan, waitDeployed, false, null);
    }

    private static HostResult host(FleetReport report, String hostname) {
        return report.hosts().stream().filter(h -> hostname.equals(h.hostname())).findFirst().orElseThrow();
    }

    @Test
    void hosts_are_confirmed_while_others_are_still_installing_with_few_api_requests() throws IOException {
        FakeHosts fake = new FakeHosts();
        List<Host> hosts = hosts(8);
        fake.behaviour.put("node-8", Behaviour.ok(1500));
        Path journalFile = dir.resolve("journal.jsonl");
        FleetReport report;
        try (Journal journal = Journal.open(journalFile, Clock.systemUTC())) {
            report = run(fake, hosts, 4, Duration.ofSeconds(10), journal);
        }

        assertTrue(report.allOk(), report::toString);
        assertEquals(8, report.hosts().stream().filter(h -> h.status() == HostResult.Status.REGISTERED).count());
        List<String> lines = Files.readAllLines(journalFile);
        int firstRegistered = indexOf(lines, "\"event\":\"registered\"");
        int slowInstalled = indexOf(lines, "\"hostname\":\"node-8\",\"event\":\"installed\"");
        assertTrue(firstRegistered >= 0 && slowInstalled >= 0, () -> String.join("\n", lines));
        assertTrue(firstRegistered < slowInstalled, () -> "nothing was confirmed before the last install ended:\n"
                + String.join("\n", lines));
        assertTrue(sandbox.apiRequests() < 8 + 2, () -> sandbox.apiRequests() + " API requests for 8 hosts");
    }

    @Test
    void no_host_is_touched_before_its_started_event_is_on_disk_and_hosts_share_the_journals_syncs()
            throws IOException {
        FakeHosts fake = new FakeHosts();
        List<Host> hosts = hosts(40);
        hosts.forEach(h -> fake.behaviour.put(h.hostname(), new Behaviour(Duration.ZERO, 1, false)));
        Path journalFile = dir.resolve("journal.jsonl");
        fake.journalToCheck = journalFile;
        FleetReport report;
        long syncs;
        try (Journal journal = Journal.open(journalFile, Clock.systemUTC())) {
            report = run(fake, hosts, 8, Duration.ofSeconds(10), journal);
            syncs = journal.syncs();
        }

        assertEquals(40, report.hosts().stream().filter(h -> h.status() == HostResult.Status.FAILED).count());
        assertEquals(List.of(), fake.connectedBeforeStarted);
        List<JournalEvent> events = JournalReader.read(journalFile);
        assertEquals(120, events.size(), "started, uploaded and failed for each host, all in the file after the run");
        // Failed and uploaded events never wait for a sync of their own: at most one sync per started event, plus
        // one at the end and, while the first wave starts (FirstWave: 8 starts 125 ms apart, longer than the
        // journal's linger), one linger sync in each of the 7 gaps.
        assertTrue(syncs <= 40 + 1 + 7, syncs + " syncs for " + events.size() + " events");
    }

    @Test
    void the_first_wave_starts_spread_over_a_second_not_all_at_once() throws IOException {
        FakeHosts fake = new FakeHosts();
        List<Host> hosts = hosts(6);
        hosts.forEach(h -> fake.behaviour.put(h.hostname(), Behaviour.ok(1500))); // the first wave is still running
        Path journalFile = dir.resolve("journal.jsonl");
        FleetReport report;
        try (Journal journal = Journal.open(journalFile, Clock.systemUTC())) {
            report = run(fake, hosts, 3, Duration.ofSeconds(10), journal);
        }

        assertTrue(report.allOk(), report::toString);
        List<java.time.Instant> starts = JournalReader.read(journalFile).stream()
                .filter(e -> JournalEvent.STARTED.equals(e.event())).map(JournalEvent::time).sorted().toList();
        assertEquals(6, starts.size());
        // 3 slots over FirstWave.SPREAD (1 s): the second starts a third of a second after the first, the third two
        Duration second = Duration.between(starts.get(0), starts.get(1));
        Duration third = Duration.between(starts.get(0), starts.get(2));
        assertTrue(second.toMillis() >= 300 && third.toMillis() >= 630, () -> "first wave started at " + starts);
        assertTrue(third.compareTo(FirstWave.SPREAD.plusMillis(500)) < 0, () -> "first wave started at " + starts);
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void a_host_whose_installer_asks_for_a_reboot_is_registered_with_reboot_required_and_the_others_are_not() {
        FakeHosts fake = new FakeHosts();
        fake.rebooting.add("node-2");
        FleetReport report = run(fake, hosts(3), 2, Duration.ofSeconds(10), null);

        HostResult rebooting = host(report, "node-2");
        assertEquals(HostResult.Status.REGISTERED, rebooting.status());
        assertTrue(rebooting.rebootRequired(), rebooting::toString);
        assertEquals("ssh+sh", rebooting.route());
        assertFalse(host(report, "node-1").rebootRequired());
        assertFalse(host(report, "node-3").rebootRequired());
        assertTrue(progressText.toString().contains(": installed (exit 3010: a reboot is pending)"),
                progressText::toString);
    }

    @Test
    void a_failing_installer_fails_only_its_host_with_step_and_exit_code() {
        FakeHosts fake = new FakeHosts();
        fake.behaviour.put("node-2", new Behaviour(Duration.ZERO, 3, false));
        FleetReport report = run(fake, hosts(3), 2, Duration.ofSeconds(10), null);

        HostResult failed = host(report, "node-2");
        assertEquals(HostResult.Status.FAILED, failed.status());
        assertEquals("install", failed.step());
        assertEquals(3, failed.exitCode());
        assertEquals(HostResult.Status.REGISTERED, host(report, "node-1").status());
        assertEquals(HostResult.Status.REGISTERED, host(report, "node-3").status());
    }

    @Test
    void a_host_the_server_never_shows_fails_at_verify_after_its_timeout_without_holding_up_the_others() {
        FakeHosts fake = new FakeHosts();
        fake.behaviour.put("node-1", new Behaviour(Duration.ZERO, 0, false));
        long start = System.nanoTime();
        FleetReport report = run(fake, hosts(3), 3, Duration.ofMillis(800), null);

        HostResult lost = host(report, "node-1");
        assertEquals(HostResult.Status.FAILED, lost.status());
        assertEquals("verify", lost.step());
        assertTrue(lost.changed(), "it was installed");
        assertTrue(lost.error().contains("did not confirm 'node-1'") && lost.error().contains("not found"),
                lost.error());
        assertEquals(HostResult.Status.REGISTERED, host(report, "node-2").status());
        String[] progressLines = progressText.toString().strip().split("\n");
        assertTrue(progressLines[progressLines.length - 1].contains("done 2, failed 1, running 0 of 3"),
                progressText::toString);
        assertFalse(progressText.toString().contains("[4/3]"), progressText::toString);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "the run waited far past the timeout");
    }

    @Test
    void hosts_already_registered_are_unchanged_and_not_installed_and_missing_names_are_asked() {
        FakeHosts fake = new FakeHosts();
        fake.registered("node-1", sandbox.registerAgent(new AgentRegistration("node-1", null, null, null, null, false,
                "linux")));
        List<Host> hosts = new ArrayList<>(hosts(2));
        hosts.add(new Host("10.0.0.9", 22, "root", null, null, null, false, null, null, Map.of(), 3));
        FleetReport report = run(fake, hosts, 2, Duration.ofSeconds(10), null);

        assertEquals(HostResult.Status.UNCHANGED, host(report, "node-1").status());
        assertFalse(host(report, "node-1").changed());
        assertEquals(HostResult.Status.REGISTERED, host(report, "asked-10.0.0.9").status());
        assertEquals(List.of("node-2", "asked-10.0.0.9").stream().sorted().toList(),
                fake.installed.stream().sorted().toList());
        assertNotNull(host(report, "node-1").resourceId());
    }

    @Test
    void hosts_that_report_an_identity_share_their_pre_check_queries_and_an_unknown_id_is_still_asked_on_its_own() {
        FakeHosts fake = new FakeHosts();
        List<Host> hosts = hosts(6);
        List<String> registeredIds = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            RegisteredAgent agent = sandbox.registerAgent(AgentRegistration.anonymous("node-" + i));
            fake.registered("node-" + i, agent);
            registeredIds.add(agent.resourceId());
        }
        String leftover = "0b7c1a52-9c1e-4d7e-8f11-3a7e5c9d2b40";
        fake.identities.put("node-6", new AgentIdentity(leftover, "7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f"));

        FleetReport report = run(fake, hosts, 6, Duration.ofSeconds(10), null);

        for (int i = 1; i <= 5; i++) {
            assertEquals(HostResult.Status.UNCHANGED, host(report, "node-" + i).status(), progressText::toString);
        }
        assertEquals(HostResult.Status.REGISTERED, host(report, "node-6").status(), progressText::toString);
        assertEquals(List.of("node-6"), fake.installed, "only the stale leftover is installed");
        long byIdGets = registeredIds.stream().mapToLong(id -> sandbox.apiRequests("/api/v1/resources/" + id)).sum();
        assertEquals(0, byIdGets, "the registered hosts were asked in a shared id=or(...) query, not one GET each");
        assertEquals(1, sandbox.apiRequests("/api/v1/resources/" + leftover),
                "the id the batch did not return is asked on its own (a 404, not a deleted record)");
    }

    @Test
    void a_shared_pre_check_that_the_server_refuses_fails_each_of_its_hosts_at_step_identity_and_installs_nothing() {
        FakeHosts fake = new FakeHosts();
        List<Host> hosts = hosts(3);
        for (int i = 1; i <= 3; i++) {
            fake.registered("node-" + i, sandbox.registerAgent(AgentRegistration.anonymous("node-" + i)));
        }
        sandbox.faults().set(Faults.none().withFail503(1_000));

        FleetReport report = run(fake, hosts, 3, Duration.ofSeconds(5), null);

        for (int i = 1; i <= 3; i++) {
            HostResult h = host(report, "node-" + i);
            assertEquals(HostResult.Status.FAILED, h.status(), progressText::toString);
            assertEquals("identity", h.step());
            assertTrue(h.error().startsWith("cannot look up the host's agent identity"), h::error);
        }
        assertEquals(List.of(), fake.installed);
        assertTrue(sandbox.faults().current().fail503() < 1_000, "the server answered 503");
    }

    @Test
    void a_host_whose_identity_cannot_be_read_is_decided_by_its_name_as_on_one_machine() {
        FakeHosts fake = new FakeHosts();
        List<Host> hosts = hosts(3);
        hosts.forEach(h -> fake.unreadable.add(h.hostname()));
        // node-1 is registered and online under its name; node-2 has two live records; node-3 none.
        sandbox.registerAgent(AgentRegistration.anonymous("node-1"));
        sandbox.registerAgent(AgentRegistration.anonymous("node-2"));
        sandbox.registerAgent(AgentRegistration.anonymous("node-2"));
        long before = sandbox.state().get("registrations").asLong();

        FleetReport report = run(fake, hosts, 3, Duration.ofSeconds(10), null);

        assertEquals(HostResult.Status.UNCHANGED, host(report, "node-1").status(), progressText::toString);
        assertNotNull(host(report, "node-1").resourceId());
        assertEquals(HostResult.Status.FAILED, host(report, "node-2").status(), progressText::toString);
        assertEquals("identity", host(report, "node-2").step());
        assertTrue(host(report, "node-2").error().contains("2 live machines match node-2"), host(report, "node-2")::error);
        assertFalse(host(report, "node-2").changed());
        assertEquals(List.of("node-3"), fake.installed, "only the host the server does not list is installed");
        assertEquals(before + 1, sandbox.state().get("registrations").asLong());
        assertTrue(progressText.toString().contains("10.0.0.1: warning: cannot read the host's agent identity "
                + "(permission denied); deciding by the name node-1 instead"), progressText::toString);
    }

    @Test
    void a_host_stopped_after_it_registered_but_before_its_agent_recorded_the_ids_is_confirmed_not_installed_again() {
        FakeHosts fake = new FakeHosts();
        List<Host> hosts = hosts(5);
        Instant earlier = Instant.now().minusSeconds(60);
        List<JournalEvent> events = hosts.stream().map(h -> new JournalEvent(earlier, h.label(), h.hostname(),
                JournalEvent.STARTED, "connect", null, null, null)).toList();
        hosts.forEach(h -> fake.agentWithoutIdentity.add(h.hostname()));
        // What the earlier run's installers left on the server: node-1 registered; node-3 twice (a conflict);
        // node-2 registered last, and the server lists it only 3 s later; node-4 never got that far; node-5 has
        // no agent at all on the host (NOT_INSTALLED), so it cannot have registered in that run.
        sandbox.registerAgent(AgentRegistration.anonymous("node-1"));
        sandbox.registerAgent(AgentRegistration.anonymous("node-3"));
        sandbox.registerAgent(AgentRegistration.anonymous("node-3"));
        sandbox.faults().set(Faults.none().withAppearAfterMs(3_000));
        sandbox.registerAgent(AgentRegistration.anonymous("node-2"));
        fake.agentWithoutIdentity.remove("node-5");
        long before = sandbox.state().get("registrations").asLong();

        FleetReport report = runResumed(fake, hosts, ResumeState.of(events));

        assertEquals(HostResult.Status.REGISTERED, host(report, "node-1").status(), progressText::toString);
        assertEquals(HostResult.Status.REGISTERED, host(report, "node-2").status(), progressText::toString);
        assertEquals(HostResult.Status.FAILED, host(report, "node-3").status(), progressText::toString);
        assertEquals("identity", host(report, "node-3").step());
        assertTrue(host(report, "node-3").error().contains("2 live machines match node-3"), host(report, "node-3")::error);
        assertEquals(HostResult.Status.REGISTERED, host(report, "node-4").status(), progressText::toString);
        assertEquals(List.of("node-4", "node-5"), fake.installed.stream().sorted().toList(),
                "only the hosts the earlier run did not register are installed");
        assertEquals(before + 2, sandbox.state().get("registrations").asLong());
        assertTrue(progressText.toString().contains("10.0.0.1: started in an earlier run and has no agent identity, "
                + "but the management server lists 'node-1'"), progressText::toString);
    }

    @Test
    void a_stop_lets_running_hosts_end_starts_no_new_ones_and_says_where_the_run_stopped() throws Exception {
        FakeHosts fake = new FakeHosts();
        fake.gate = new CountDownLatch(1);
        List<Host> hosts = hosts(5);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(FirstWave.SPREAD.toMillis() / 2 + 300); // both slots have started (FirstWave)
            } catch (InterruptedException e) {
                return;
            }
            stop.stop();
        });
        stopper.start();
        FleetReport report = run(fake, hosts, 2, Duration.ofSeconds(10), null);
        stopper.join();

        assertNotNull(report.stoppedNote());
        assertTrue(report.stoppedNote().contains("2 interrupted, 3 not started"), report.stoppedNote());
        assertTrue(report.hosts().stream().noneMatch(HostResult::ok), report::toString);
        assertEquals(List.of(), fake.installed);
    }

    @Test
    void confirmed_hosts_are_protected_in_one_batch_new_and_unchanged_alike_and_a_rerun_changes_nothing()
            throws IOException {
        String groupId = sandbox.addStaticGroup("Servers");
        sandbox.addPlan("Daily backup");
        FakeHosts fake = new FakeHosts();
        fake.registered("node-1", sandbox.registerAgent(new AgentRegistration("node-1", null, null, null, null, false,
                "linux")));
        List<Host> hosts = hosts(4);
        ProtectionPlan spec = protection("Servers", "Daily backup", Duration.ofSeconds(5));
        Path journalFile = dir.resolve("journal.jsonl");
        FleetReport report;
        try (Journal journal = Journal.open(journalFile, Clock.systemUTC())) {
            report = runProtected(fake, hosts, spec, journal, ResumeState.empty());
        }

        assertTrue(report.allOk(), report::toString);
        assertEquals(List.of("node-2", "node-3", "node-4"), fake.installed.stream().sorted().toList());
        assertEquals(List.of("node-1", "node-2", "node-3", "node-4"),
                sandbox.groupMembers("Servers").stream().sorted().toList());
        assertEquals(1, sandbox.apiRequests("/api/v1/groups/" + groupId + "/resources"), "one PATCH for all hosts");
        assertEquals(4, sandbox.state().get("policyApplications").asInt(), sandbox.state()::toString);
        for (HostResult h : report.hosts()) {
            assertNotNull(h.protection(), h::toString);
            assertTrue(h.protection().changed() && h.protection().addedToGroup() && h.protection().planApplied()
                    && h.protection().deployed(), h::toString);
            assertEquals("Daily backup", h.protection().plan());
        }
        assertEquals(HostResult.Status.UNCHANGED, host(report, "node-1").status());
        String json = ReportJson.write(report);
        assertTrue(json.contains("\"protection\"") && json.contains("\"addedToGroup\" : true"), json);
        List<String> lines = Files.readAllLines(journalFile);
        assertEquals(4, lines.stream().filter(l -> l.contains("\"event\":\"protected\"")).count(),
                () -> String.join("\n", lines));

        // resumed from the journal: nothing installed again, protection checked again and nothing changes
        long patches = sandbox.apiRequests("/api/v1/groups/" + groupId + "/resources");
        FakeHosts again = new FakeHosts();
        FleetReport second = runProtected(again, hosts, spec, null, ResumeState.of(JournalReader.read(journalFile)));
        assertTrue(second.allOk(), second::toString);
        assertEquals(List.of(), again.installed);
        assertEquals(patches, sandbox.apiRequests("/api/v1/groups/" + groupId + "/resources"), "no second PATCH");
        assertEquals(4, sandbox.state().get("policyApplications").asInt());
        assertTrue(second.hosts().stream().noneMatch(h -> h.protection().changed()), second::toString);
    }

    @Test
    void an_unknown_plan_stops_the_run_with_exit_2_before_any_host_is_installed() {
        sandbox.addStaticGroup("Servers");
        FakeHosts fake = new FakeHosts();
        CbagentException e = assertThrows(CbagentException.class, () -> runProtected(fake, hosts(3),
                protection("Servers", "No such plan", Duration.ofSeconds(5)), null, ResumeState.empty()));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("No such plan"), e.getMessage());
        assertEquals(List.of(), fake.installed);
        assertTrue(sandbox.groupMembers("Servers").isEmpty());
    }

    @Test
    void a_plan_that_never_deploys_fails_the_hosts_at_step_protect_and_a_resume_protects_without_installing()
            throws IOException {
        sandbox.faults().set(Faults.none().withNeverDeployed(true));
        sandbox.addPlan("Daily backup");
        FakeHosts fake = new FakeHosts();
        List<Host> hosts = hosts(2);
        Path journalFile = dir.resolve("journal.jsonl");
        FleetReport report;
        try (Journal journal = Journal.open(journalFile, Clock.systemUTC())) {
            report = runProtected(fake, hosts, protection(null, "Daily backup", Duration.ofMillis(500)), journal,
                    ResumeState.empty());
        }

        assertFalse(report.allOk());
        for (HostResult h : report.hosts()) {
            assertEquals(HostResult.Status.FAILED, h.status(), h::toString);
            assertEquals("protect", h.step());
            assertTrue(h.changed(), "it was installed");
            assertNotNull(h.resourceId());
            assertNotNull(h.error());
            assertEquals(h.error(), h.protection().error());
            assertFalse(h.protection().deployed());
        }
        assertTrue(Files.readString(journalFile).contains("\"event\":\"failed\",\"step\":\"protect\""));
        assertTrue(ResumeState.of(JournalReader.read(journalFile)).phase(hosts.get(0).label())
                == ResumeState.Phase.CONFIRMED, "still confirmed: a resume does not install again");

        sandbox.faults().set(Faults.none());
        FakeHosts again = new FakeHosts();
        FleetReport resumed;
        try (Journal journal = Journal.open(journalFile, Clock.systemUTC())) {
            resumed = runProtected(again, hosts, protection(null, "Daily backup", Duration.ofSeconds(5)), journal,
                    ResumeState.of(JournalReader.read(journalFile)));
        }
        assertTrue(resumed.allOk(), resumed::toString);
        assertEquals(List.of(), again.installed);
        assertTrue(resumed.hosts().stream().allMatch(h -> h.protection().deployed() && h.error() == null),
                resumed::toString);
    }

    @Test
    void without_a_protection_section_hosts_carry_no_protection() {
        FleetReport report = run(new FakeHosts(), hosts(2), 2, Duration.ofSeconds(10), null);
        assertTrue(report.hosts().stream().allMatch(h -> h.protection() == null));
        assertNull(report.hosts().get(0).protection());
    }

    @Test
    void a_stop_while_waiting_for_deployment_ends_the_run_soon_with_the_hosts_failed_at_protect() throws Exception {
        sandbox.faults().set(Faults.none().withNeverDeployed(true));
        sandbox.addPlan("Daily backup");
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                return;
            }
            stop.stop();
        });
        stopper.start();
        long start = System.nanoTime();
        Path journalFile = dir.resolve("journal.jsonl");
        FleetReport report;
        try (Journal journal = Journal.open(journalFile, Clock.systemUTC())) {
            report = runProtected(new FakeHosts(), hosts(2), protection(null, "Daily backup", Duration.ofMinutes(5)),
                    journal, ResumeState.empty());
        }
        stopper.join();

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "the stop was not heard");
        for (HostResult h : report.hosts()) {
            assertEquals("protect", h.step(), h::toString);
            assertTrue(h.error().contains("stopped"), h::toString);
        }
        assertEquals(2, Files.readAllLines(journalFile).stream()
                .filter(l -> l.contains("\"step\":\"protect\"")).count());
        assertNotNull(report.stoppedNote());
    }
}
