package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.sandbox.Faults;
import dev.cbagent.sandbox.MachineIds;
import dev.cbagent.sandbox.SandboxConfig;
import dev.cbagent.sandbox.SandboxServer;
import dev.cbagent.sandbox.fake.FakeTools;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Run a local stand-in management server (the API subset cbagent uses) on 127.0.0.1, with",
                "fake vendor tools that register with it, to rehearse automation without a real server.",
                "Faults can also be switched at run time: POST /sandbox/v1/faults {\"fail503\": 2, ...}",
                "(Content-Type: application/json: a body without it answers 415).", ""})
final class SandboxCommand implements Callable<Integer>, HasOutput {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Override
    public OutputOptions outputOptions() {
        return output;
    }

    @Option(names = "--port", paramLabel = "N", defaultValue = "9877",
            description = "Port on 127.0.0.1 (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--tools-dir", paramLabel = "DIR",
            description = "Write the fake installer (" + FakeTools.LINUX_INSTALLER + "), register tool ("
                    + FakeTools.REGISTER_AGENT + ") and service restart (" + FakeTools.SERVICE_RESTART
                    + " restart acronis_mms) here. They keep the agent identity in"
                    + " $CBAGENT_AGENT_ROOT/etc/Acronis/BackupAndRecovery.config (else $CBAGENT_FAKE_ROOT; without"
                    + " either they write nothing).")
    Path toolsDir;

    @Option(names = "--ready-file", paramLabel = "FILE", description = "Write the server's URL here once it listens.")
    Path readyFile;

    @Option(names = "--admin-login", defaultValue = SandboxConfig.DEFAULT_LOGIN, description = "API login. Default: ${DEFAULT-VALUE}.")
    String adminLogin;

    @Option(names = "--admin-password", defaultValue = SandboxConfig.DEFAULT_PASSWORD,
            description = "API password. Default: ${DEFAULT-VALUE}.")
    String adminPassword;

    @Option(names = "--token", defaultValue = SandboxConfig.DEFAULT_TOKEN,
            description = "Registration token the fake tools must present. Default: ${DEFAULT-VALUE}.")
    String token;

    @Option(names = "--fail503", paramLabel = "N", description = "Answer the next N API requests with 503.")
    int fail503;

    @Option(names = "--drop-connections", paramLabel = "N",
            description = "Drop the connection of the next N API requests after the headers of the answer.")
    int dropConnections;

    @Option(names = "--slow", paramLabel = "DURATION", converter = DurationConverter.class, description = "Delay every answer.")
    Duration slow;

    @Option(names = "--appear-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A registered machine shows in the API only after this delay.")
    Duration appearAfter;

    @Option(names = "--online-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A registered agent comes online only after this delay.")
    Duration onlineAfter;

    @Option(names = "--never-online", description = "Registered agents never come online.")
    boolean neverOnline;

    @Option(names = "--plan", paramLabel = "NAME", description = "Add a protection plan with this name (repeatable).")
    java.util.List<String> plans = new java.util.ArrayList<>();

    @Option(names = "--group", paramLabel = "NAME", description = "Add an empty static group with this name (repeatable).")
    java.util.List<String> groups = new java.util.ArrayList<>();

    @Option(names = "--deploy-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "An applied plan shows as DEPLOYED only after this delay.")
    Duration deployAfter;

    @Option(names = "--never-deployed", description = "Applied plans stay DEPLOYING.")
    boolean neverDeployed;

    @Option(names = "--apply-issues", description = "Applying a plan answers 200 with warnings (issues) instead of 204.")
    boolean applyIssues;

    @Option(names = "--run-takes", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A run started with policy_applications:run lasts this long.")
    Duration runTakes;

    @Option(names = "--run-fails", description = "Runs end with status ERROR.")
    boolean runFails;

    @Option(names = "--token-ttl", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Lifetime of access tokens (default 2h, as the real server).")
    Duration tokenTtl;

    @Option(names = "--seed-stale", paramLabel = "NAME",
            description = "Add an offline machine with this name, registered three days ago, with its own ids:"
                    + " what a re-imaged machine or a reused host name leaves behind (repeatable).")
    java.util.List<String> seedStale = new java.util.ArrayList<>();

    @Option(names = "--seed-twin", paramLabel = "NAME",
            description = "Add a live, online machine with this name and its own ids: another machine that"
                    + " shares the name (repeatable).")
    java.util.List<String> seedTwin = new java.util.ArrayList<>();

    @Option(names = "--trim-lists",
            description = "List items of GET /api/v1/resources carry no agent_id and no attributes, like the"
                    + " guide's own list example; GET /api/v1/resources/{id} still has them.")
    boolean trimLists;

    @Option(names = "--fqdn-domain", paramLabel = "DOMAIN",
            description = "Store a registered short name as NAME.DOMAIN, as servers that list machines by FQDN do.")
    String fqdnDomain;

    @Option(names = "--require-limit",
            description = "Answer a list request that sends after (or before) without limit with 400 and a JSON error.")
    boolean requireLimit;

    @Override
    public Integer call() throws Exception {
        Faults faults = Faults.none().withFail503(fail503).withDropConnections(dropConnections).withSlowMs(millis(slow)).withAppearAfterMs(millis(appearAfter))
                .withOnlineAfterMs(millis(onlineAfter)).withNeverOnline(neverOnline)
                .withDeployAfterMs(millis(deployAfter)).withNeverDeployed(neverDeployed).withApplyIssues(applyIssues)
                .withRunTakesMs(millis(runTakes)).withRunFails(runFails)
                .withTrimLists(trimLists).withRequireLimit(requireLimit).withFqdnDomain(fqdnDomain);
        SandboxConfig config = SandboxConfig.defaults().withPort(port).withAdmin(adminLogin, adminPassword)
                .withRegistrationTokens(Set.of(token)).withFaults(faults);
        if (tokenTtl != null) {
            config = config.withTokenTtl(tokenTtl);
        }
        PrintWriter err = spec.commandLine().getErr();
        SandboxServer server;
        try {
            server = SandboxServer.start(config);
        } catch (RuntimeException e) {
            throw new CbagentException(ExitCode.INVALID_INPUT, "cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        plans.forEach(server::addPlan);
        groups.forEach(server::addStaticGroup);
        for (String name : seedStale) {
            MachineIds ids = server.seedStale(name);
            err.printf("stale machine %s: resource_id=%s agent_id=%s%n", name, ids.resourceId(), ids.agentId());
        }
        for (String name : seedTwin) {
            MachineIds ids = server.seedTwin(name);
            err.printf("twin machine %s: resource_id=%s agent_id=%s%n", name, ids.resourceId(), ids.agentId());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        FakeTools.Launchers tools = null;
        if (toolsDir != null) {
            tools = FakeTools.install(Files.createDirectories(toolsDir), ownClasspath());
            err.printf("fake tools: %s, %s, %s%n", tools.linuxInstaller(), tools.registerAgent(), tools.serviceRestart());
        }
        err.printf("sandbox management server at %s (login %s, registration token %s); Ctrl-C stops it%n",
                server.baseUri(), adminLogin, token);
        err.flush();
        if (readyFile != null) {
            Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
            Files.writeString(tmp, server.baseUri() + "\n");
            Files.move(tmp, readyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        if (output.json()) {
            spec.commandLine().getOut().println(Json.write(listening(server, tools)));
            spec.commandLine().getOut().flush();
        }
        stopped.await();
        return 0;
    }

    /** The one JSON document of a sandbox: printed once it listens (the password and token are not in it). */
    private ObjectNode listening(SandboxServer server, FakeTools.Launchers tools) {
        ObjectNode doc = Envelope.of("sandbox", "listening", false, ExitCode.OK, (String) null);
        doc.put("url", server.baseUri().toString());
        doc.put("login", adminLogin);
        if (tools == null) {
            doc.putNull("tools");
        } else {
            ObjectNode paths = doc.putObject("tools");
            paths.put("linuxInstaller", tools.linuxInstaller().toAbsolutePath().toString());
            paths.put("registerAgent", tools.registerAgent().toAbsolutePath().toString());
            paths.put("serviceRestart", tools.serviceRestart().toAbsolutePath().toString());
        }
        return doc;
    }

    private static long millis(Duration d) {
        return d == null ? 0 : d.toMillis();
    }

    /** The jar (or classes folder) cbagent runs from, for the fake tools' launchers. */
    private static String ownClasspath() throws IOException {
        try {
            return Path.of(SandboxCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate cbagent's own jar", e);
        }
    }
}
