package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.api.WaitProgress;
import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.plan.Verification;
import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.verify.Registration;
import dev.cbagent.verify.ThisMachine;
import dev.cbagent.verify.VerifySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show this machine's agent: installed or not, its identity and its server.", "",
                "The identity is the agent's InstanceID (its resource id) and MMSCurrentMachineID (its agent id); "
                        + "no credentials are needed. With a PROFILE that has API credentials, also what the server "
                        + "says of that identity: registered, offline, stale (deleted or unknown: a leftover) or a "
                        + "clone (the id is another machine's). Changes nothing.", ""},
        footer = {"", "Exit codes: 0 installed (and, with a profile, registered and online), 2 bad profile, 5 not "
                + "installed or not registered (offline, stale), 6 server/TLS/credentials, 8 a clone or several live "
                + "machines with this name and no identity to tell them apart."})
final class StatusCommand implements Callable<Integer>, HasOutput {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "PROFILE", arity = "0..1", description = "Profile file (YAML); its verify section "
            + "says which server to ask.")
    Path profile;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public OutputOptions outputOptions() {
        return output;
    }

    /** The server's view of this machine, when a profile allowed asking. */
    private record ServerView(String apiUrl, String state, Registration registration, String otherMachine,
                              String otherId, List<String> duplicates, String note) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProfileCheck.Checked checked = profile == null ? null : new ProfilePlanning(context).check(profile, null, err);
        String platform = checked == null ? context.currentPlatform()
                : checked.model().platform();
        LocalAgent local = context.identity(platform).read();
        Optional<Path> installation = context.installationProbe().find(platform);
        boolean installed = local.installed() || installation.isPresent();
        Verification verification = checked == null ? null : context.planner().verification(checked.model());
        String host = verification == null ? context.platform().hostname() : verification.hostname();
        ServerView server = verification != null && verification.isConfigured()
                ? ask(VerifySettings.from(verification, host), local) : null;

        String status;
        ExitCode exit;
        if (server != null && (server.state().equals("clone") || server.state().equals("conflict"))) {
            status = server.state();
            exit = ExitCode.IDENTITY_CONFLICT;
        } else if (!installed) {
            status = "not-installed";
            exit = ExitCode.VERIFICATION_FAILED;
        } else if (server == null) {
            status = "installed";
            exit = ExitCode.OK;
        } else {
            status = server.state();
            exit = status.equals("registered") ? ExitCode.OK : ExitCode.VERIFICATION_FAILED;
        }
        String error = exit == ExitCode.OK ? null : message(status, host, local, server);
        if (output.json()) {
            out.println(Json.write(json(status, exit, error, host, installed, installation, local, server)));
        } else {
            text(out, host, installed, installation, local, server);
        }
        if (error != null) {
            err.println("cbagent: error: " + error);
        }
        out.flush();
        err.flush();
        return exit.code();
    }

    private ServerView ask(VerifySettings settings, LocalAgent local) {
        ThisMachine machine = context.thisMachine(context.api(settings.apiConfig()), settings.hostname(),
                WaitProgress.silent());
        ThisMachine.Before before = machine.before(local);
        String url = settings.apiUrl().toString();
        Registration reg = before.registration();
        List<String> duplicates = before.duplicates(reg == null ? null : reg.resourceId());
        return switch (before.kind()) {
            case REGISTERED -> new ServerView(url, reg.online() ? "registered" : "offline", reg, null, null, duplicates,
                    null);
            case CLONE -> new ServerView(url, "clone", null, before.verdict().machine().name(),
                    before.verdict().machine().id(), duplicates, before.note());
            case CONFLICT -> new ServerView(url, "conflict", null, null, null, duplicates, before.note());
            case NOT_REGISTERED -> new ServerView(url, before.verdict() != null ? "stale" : "not-registered", null, null,
                    null, duplicates, before.note());
        };
    }

    private static String message(String status, String host, LocalAgent local, ServerView server) {
        return switch (status) {
            case "not-installed" -> "no agent is installed on this machine (" + local.source() + " does not exist)";
            case "offline" -> host + " is registered at " + server.apiUrl() + " but its agent is offline";
            case "stale" -> server.note();
            case "not-registered" -> host + " is not registered at " + server.apiUrl()
                    + (local.state() == LocalAgent.State.UNREADABLE ? " (its identity could not be read: "
                    + local.problem() + ")" : " (its agent has no InstanceID)");
            case "clone" -> server.note() + ": this machine was probably cloned from " + server.otherMachine()
                    + "'s image; registration.identity: reset registers it as a new machine";
            default -> server.note();
        };
    }

    private static ObjectNode json(String status, ExitCode exit, String error, String host, boolean installed,
                                   Optional<Path> installation, LocalAgent local, ServerView server) {
        ObjectNode doc = Envelope.of("status", status, false, exit, error);
        doc.put("hostname", host);
        doc.put("installed", installed);
        doc.put("installation", installation.map(Path::toString).orElse(null));
        ObjectNode identity = doc.putObject("identity");
        identity.put("state", local.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        identity.put("source", local.source());
        identity.put("instanceId", local.known().map(i -> i.instanceId()).orElse(null));
        identity.put("agentId", local.known().map(i -> i.agentId()).orElse(null));
        identity.put("server", local.server());
        identity.put("problem", local.problem());
        if (server == null) {
            doc.putNull("server");
        } else {
            ObjectNode s = doc.putObject("server");
            s.put("apiUrl", server.apiUrl());
            s.put("state", server.state());
            Registration reg = server.registration();
            s.put("resourceId", reg != null ? reg.resourceId() : server.otherId());
            s.put("agentId", reg == null ? null : reg.agentId());
            s.put("name", reg != null ? reg.name() : server.otherMachine());
            if (reg == null) {
                s.putNull("online");
            } else {
                s.put("online", reg.online());
            }
            ArrayNode dups = s.putArray("duplicates");
            server.duplicates().forEach(dups::add);
        }
        return doc;
    }

    private static void text(PrintWriter out, String host, boolean installed, Optional<Path> installation,
                             LocalAgent local, ServerView server) {
        out.printf("agent:    %s%n", installed ? "installed" + installation.map(p -> " (" + p + ")").orElse("")
                : "not installed");
        out.printf("identity: %s%n", switch (local.state()) {
            case IDENTIFIED -> local.identity().describe() + " (" + local.source() + ")";
            case NO_IDENTITY -> "none: the agent has no InstanceID (" + local.source() + ")";
            case UNREADABLE -> "unreadable: " + local.problem() + " (" + local.source() + ")";
            case NOT_INSTALLED -> "none";
        });
        if (local.server() != null) {
            out.printf("config:   server %s%n", local.server());
        }
        if (server != null) {
            Registration reg = server.registration();
            out.printf("server:   %s at %s%s%n", server.state(), server.apiUrl(), reg == null
                    ? (server.otherId() == null ? "" : ": resource " + server.otherId() + " is '" + server.otherMachine() + "'")
                    : ": '" + reg.name() + "' (resource " + reg.resourceId() + ", agent " + reg.agentId() + ")");
            if (!server.duplicates().isEmpty()) {
                out.printf("warning:  other machines named %s on the server: %s%n", host,
                        String.join(", ", server.duplicates()));
            }
        }
    }
}
