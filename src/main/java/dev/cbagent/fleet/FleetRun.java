package dev.cbagent.fleet;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.ApiConfig;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.fleet.hosts.HostDefaults;
import dev.cbagent.fleet.hosts.HostList;
import dev.cbagent.fleet.hosts.HostLists;
import dev.cbagent.fleet.hosts.HostSelection;
import dev.cbagent.fleet.ssh.HostKeyPolicy;
import dev.cbagent.fleet.ssh.KnownHostsFile;
import dev.cbagent.fleet.ssh.SshConnector;
import dev.cbagent.fleet.ssh.SshException;
import dev.cbagent.fleet.ssh.SshSettings;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.profile.Finding;
import dev.cbagent.protect.ProtectionService;
import dev.cbagent.protect.ProtectionTimings;
import dev.cbagent.verify.RegistrationVerifier;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code fleet run} as a service: reads the host list and profiles, opens the journal, wires SSH and the API,
 * stops cleanly on Ctrl-C or SIGTERM ({@link SignalTrap}: the run then ends the ordinary way, with its reports and
 * exit code 7), and writes the reports. Close it after the result has been printed. Other ways the JVM is shut down
 * (SIGHUP, a missing {@code sun.misc.Signal}) go through a shutdown hook that stops the run, waits for the result to
 * be printed and exits 7.
 */
public final class FleetRun implements AutoCloseable {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final long HOOK_WAIT_SECONDS = 60;

    /**
     * The command line of a fleet command, parsed. Nullable: profile, journal, report, junit, identity, knownHosts,
     * hostTimeout, limit (every host), logDir (no logs of failed hosts).
     */
    public record Options(Path hosts, Path profile, int parallel, Path journal, boolean resume, Path report,
                          Path junit, Path identity, Path knownHosts, HostKeyPolicy policy, Duration hostTimeout,
                          Duration connectTimeout, UploadMode upload, String limit, Path logDir) {
        public Options(Path hosts, Path profile, int parallel, Path journal, boolean resume, Path report,
                       Path junit, Path identity, Path knownHosts, HostKeyPolicy policy, Duration hostTimeout,
                       Duration connectTimeout, UploadMode upload) {
            this(hosts, profile, parallel, journal, resume, report, junit, identity, knownHosts, policy, hostTimeout,
                    connectTimeout, upload, null, null);
        }
    }

    /** The report and the lines to print after it (API requests used, where a stopped run stopped). */
    public record Outcome(FleetReport report, List<String> notes, long apiRequests) {
    }

    private final Map<String, String> environment;
    private final ProfileCheck profileCheck;
    private final PrintWriter err;
    private final boolean terminal;
    private final HostDefaults defaults;
    private final StopSignal stop = new StopSignal();
    private final CountDownLatch printed = new CountDownLatch(1);
    /** Every API client this run made, closed with the run. */
    private final List<ApiClient> opened = new CopyOnWriteArrayList<>();
    private Thread hook;
    private SignalTrap trap;

    public FleetRun(Map<String, String> environment, ProfileCheck profileCheck, PrintWriter err, boolean terminal) {
        this(environment, profileCheck, err, terminal, HostDefaults.system());
    }

    public FleetRun(Map<String, String> environment, ProfileCheck profileCheck, PrintWriter err, boolean terminal,
                    HostDefaults defaults) {
        this.environment = environment;
        this.profileCheck = profileCheck;
        this.err = err;
        this.terminal = terminal;
        this.defaults = defaults;
    }

    /** Stops the run as Ctrl-C would. */
    public void stop() {
        stop.stop();
    }

    /**
     * {@code fleet status}: what the API knows of every host, changing nothing. Hosts without a {@code hostname} in
     * the list are asked for it over SSH (read-only); the rest cost no connection.
     */
    public Outcome status(Options o, Function<ApiConfig, ApiClient> clients) {
        List<Host> hosts = hosts(o);
        Map<String, HostPlan> plans = plans(o, hosts);
        Map<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, String> unnamed = new java.util.concurrent.ConcurrentHashMap<>();
        List<Host> ask = new ArrayList<>();
        for (Host h : hosts) {
            if (h.hostname() != null) {
                names.put(h.label(), h.hostname());
            } else {
                ask.add(h);
            }
        }
        if (!ask.isEmpty()) {
            HostInstall ssh = new HostInstall(new SshConnector(sshSettings(o), knownHosts(o)), UploadMode.AUTO);
            askNames(ask, o.parallel(), ssh, names, unnamed);
        }
        FleetAudit audit = new FleetAudit(target -> opened(clients, target.config()));
        Map<String, FleetAudit.Finding> findings = audit.audit(hosts, names, plans);
        List<HostResult> results = new ArrayList<>();
        for (Host h : hosts) {
            FleetAudit.Finding f = findings.get(h.label());
            results.add(f == null
                    ? new HostResult(h.label(), null, HostResult.Status.FAILED, false, "hostname", null,
                    unnamed.getOrDefault(h.label(), "no hostname"), null, 0)
                    : new HostResult(h.label(), names.get(h.label()), f.status(), false, "status", null, f.detail(),
                    f.resourceId(), 0));
        }
        FleetReport report = new FleetReport(results, null);
        writeReports(o, report);
        return new Outcome(report, List.of("API requests: " + audit.requests() + " for " + hosts.size()
                + " hosts (read-only)"), audit.requests());
    }

    /**
     * {@code fleet run --dry-run}: no SSH, no change; per host the masked command line that would run and what the
     * API knows of its name, all {@code planned}.
     */
    public Outcome dryRun(Options o, Function<ApiConfig, ApiClient> clients) {
        List<Host> hosts = hosts(o);
        Map<String, HostPlan> plans = plans(o, hosts);
        Map<String, String> names = new LinkedHashMap<>();
        hosts.stream().filter(h -> h.hostname() != null).forEach(h -> names.put(h.label(), h.hostname()));
        FleetAudit audit = new FleetAudit(target -> opened(clients, target.config()));
        Map<String, FleetAudit.Finding> findings = audit.audit(hosts, names, plans);
        List<HostResult> results = new ArrayList<>();
        Map<HostPlan, List<String>> shown = new IdentityHashMap<>(); // hosts of one profile share its plan
        for (Host h : hosts) {
            HostPlan plan = plans.get(h.label());
            List<String> argv = shown.computeIfAbsent(plan, FleetRun::shownArgv);
            FleetAudit.Finding f = findings.get(h.label());
            results.add(new HostResult(h.label(), h.hostname(), HostResult.Status.PLANNED, false, "plan", null,
                    f == null ? null : f.detail(), f == null ? null : f.resourceId(), 0, null, argv,
                    f == null ? "unknown (no hostname in the list: the run asks the host)" : f.status().word())
                    .withReboot(false, plan.shell().route()));
        }
        FleetReport report = new FleetReport(results, null);
        writeReports(o, report);
        return new Outcome(report, List.of("dry run: nothing was connected to or changed; API requests: "
                + audit.requests()), audit.requests());
    }

    /** The masked command line a dry run shows for a plan. */
    private static List<String> shownArgv(HostPlan plan) {
        List<String> argv = new ArrayList<>(plan.step().argv().display());
        if (!plan.step().optionsFile().isEmpty()) {
            argv.add(plan.step().optionsFileFlag() + "=<0600 file in a private folder on the host>");
        }
        return List.copyOf(argv);
    }

    /**
     * The hosts of the list that {@code --limit} selects, once the files the command will write were found
     * writable (before any host or the API is asked).
     */
    private List<Host> hosts(Options o) {
        HostList list = new HostLists(defaults, environment).readList(o.hosts());
        List<Host> hosts = HostSelection.select(list, o.limit());
        if (o.limit() != null) {
            err.println("cbagent: --limit " + o.limit() + ": " + hosts.size() + " of " + list.hosts().size() + " hosts");
        }
        Map<String, Path> outputs = new LinkedHashMap<>();
        outputs.put("--journal", o.journal());
        outputs.put("--report", o.report());
        outputs.put("--junit", o.junit());
        OutputPaths.check(outputs);
        for (Host host : hosts) {
            if (host.profile() == null && o.profile() == null) {
                throw new CbagentException(ExitCode.INVALID_INPUT, o.hosts() + ":" + host.line() + ": host "
                        + host.label() + " has no profile: give --profile PROFILE or a profile per host");
            }
        }
        return hosts;
    }

    private Map<String, HostPlan> plans(Options o, List<Host> hosts) {
        FleetProfiles profiles = new FleetProfiles(profileCheck);
        Map<String, HostPlan> plans = profiles.plan(hosts, o.profile());
        profiles.warnings().stream().map(Finding::format).forEach(err::println);
        return plans;
    }

    private void askNames(List<Host> ask, int parallel, HostInstall ssh, Map<String, String> names,
                          Map<String, String> failures) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Math.min(parallel, ask.size())));
        try {
            for (Host h : ask) {
                pool.execute(() -> {
                    try {
                        names.put(h.label(), ssh.askHostname(h, java.time.Instant.now().plus(Duration.ofMinutes(2))));
                    } catch (HostFailure e) {
                        failures.put(h.label(), e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public Outcome run(Options o, Function<ApiConfig, ApiClient> clients) {
        List<Host> hosts = hosts(o);
        // The lock comes first: a second run on this journal stops here, before it plans or connects anything.
        Journal journal = o.journal() == null ? null : Journal.lock(o.journal(), Clock.systemUTC());
        try {
            return run(o, clients, hosts, journal);
        } finally {
            if (journal != null) {
                journal.close();
            }
        }
    }

    private Outcome run(Options o, Function<ApiConfig, ApiClient> clients, List<Host> hosts, Journal journal) {
        ResumeState resume = resumeState(o, journal);
        Map<String, HostPlan> plans = plans(o, hosts);
        SshConnector ssh = new SshConnector(sshSettings(o), knownHosts(o));
        if (o.policy() == HostKeyPolicy.NO) {
            err.println("cbagent: warning: --strict-host-key-checking no: host keys are NOT checked; anyone on the "
                    + "network path can pose as a host and receive the installer's secrets");
        }
        List<ApiClient> apiClients = new CopyOnWriteArrayList<>();
        Function<ApiTarget, RegistrationVerifier> verifiers = target -> {
            ApiClient client = opened(clients, target.config());
            apiClients.add(client);
            return new RegistrationVerifier(client);
        };
        FleetProgress progress = new FleetProgress(err, terminal);
        Function<ApiTarget, ProtectionService> protections = target -> {
            ApiClient client = opened(clients, target.config());
            apiClients.add(client);
            return new ProtectionService(client, Clock.systemUTC(), stop.sleeper(), ProtectionTimings.standard(),
                    line -> progress.note("protection: " + line));
        };
        installHook();
        FleetReport report;
        try (progress) {
            FleetRunner runner = new FleetRunner(new FleetRunner.Settings(o.parallel(), o.hostTimeout(), o.upload()),
                    ssh, verifiers, protections, journal, resume, progress, stop);
            report = runner.run(hosts, plans);
        }
        if (o.logDir() != null) {
            report = new HostLogs(o.logDir(), HostLogs.runId(), err).attach(report, plans);
        }
        writeReports(o, report);
        long requests = apiClients.stream().mapToLong(ApiClient::requestCount).sum();
        List<String> notes = new ArrayList<>();
        notes.add("API requests: " + requests + " for " + hosts.size() + " hosts (login, registration check before"
                + " installing, " + (plans.values().stream().anyMatch(p -> p.protection() != null)
                ? "verification and protection)" : "and verification)"));
        if (report.stoppedNote() != null) {
            notes.add(report.stoppedNote());
        }
        return new Outcome(report, notes, requests);
    }

    private ApiClient opened(Function<ApiConfig, ApiClient> clients, ApiConfig config) {
        ApiClient client = clients.apply(config);
        opened.add(client);
        return client;
    }

    private SshSettings sshSettings(Options o) {
        List<Path> identities;
        if (o.identity() != null) {
            if (!Files.isRegularFile(o.identity())) {
                throw new CbagentException(ExitCode.INVALID_INPUT, "--identity: no such file: " + o.identity());
            }
            identities = List.of(o.identity());
        } else {
            identities = SshSettings.defaultIdentities(defaults.home());
        }
        Path known = o.knownHosts() != null ? o.knownHosts() : defaults.home().resolve(".ssh").resolve("known_hosts");
        return new SshSettings(known, o.policy(), identities, o.connectTimeout(), KEEP_ALIVE);
    }

    private KnownHostsFile knownHosts(Options o) {
        try {
            return KnownHostsFile.load(sshSettings(o).knownHosts());
        } catch (SshException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, e.getMessage(), e);
        }
    }

    private ResumeState resumeState(Options o, Journal journal) {
        if (journal == null) {
            return ResumeState.empty();
        }
        boolean hasEvents;
        try {
            hasEvents = Files.exists(o.journal()) && Files.size(o.journal()) > 0;
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "cannot read the journal " + o.journal() + ": "
                    + e.getMessage(), e);
        }
        if (!o.resume()) {
            if (hasEvents) {
                throw new CbagentException(ExitCode.INVALID_INPUT, "the journal " + o.journal() + " already holds an "
                        + "earlier run: add --resume to continue it, or name a new journal file");
            }
            return ResumeState.empty();
        }
        if (!hasEvents) {
            err.println("cbagent: note: the journal " + o.journal() + " is empty or missing; starting from the beginning");
        }
        List<JournalEvent> events = JournalReader.read(o.journal(), warning -> {
            err.println(warning);
            err.flush();
        });
        try {
            journal.repairTail();
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "cannot repair the journal " + o.journal() + ": "
                    + e.getMessage(), e);
        }
        return ResumeState.of(events);
    }

    private void writeReports(Options o, FleetReport report) {
        if (o.report() != null) {
            writeAtomically(o.report(), ReportJson.write(report) + "\n");
        }
        if (o.junit() != null) {
            writeAtomically(o.junit(), JunitXml.render(report, "cbagent fleet " + o.hosts().getFileName()));
        }
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void installHook() {
        trap = SignalTrap.install(() -> {
            stopping();
            err.println("cbagent: (press Ctrl-C again to quit at once; the journal is safe either way)");
            err.flush();
        });
        hook = new Thread(() -> {
            if (trap.fired()) {
                return; // a second signal: quit at once
            }
            stopping();
            try {
                if (printed.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    Runtime.getRuntime().halt(ExitCode.FLEET_HOST_FAILED.code());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cbagent-fleet-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void stopping() {
        err.println();
        err.println("cbagent: stopping: no new hosts start; running installers are told to stop ...");
        err.flush();
        stop.stop();
    }

    /**
     * The result has been printed: the API clients end their threads (so the JVM exits at once), an interrupted JVM
     * may now exit, and a normal run forgets its hook.
     */
    @Override
    public void close() {
        opened.forEach(ApiClient::close);
        if (trap != null) {
            trap.close();
        }
        printed.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and returns now
            }
        }
    }
}
