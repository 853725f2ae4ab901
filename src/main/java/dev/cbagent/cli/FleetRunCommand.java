package dev.cbagent.cli;

import dev.cbagent.api.ApiClient;
import dev.cbagent.error.ExitCode;
import dev.cbagent.fleet.FleetReport;
import dev.cbagent.fleet.FleetRun;
import dev.cbagent.fleet.ReportJson;
import dev.cbagent.fleet.SummaryTable;
import dev.cbagent.fleet.UploadMode;
import dev.cbagent.fleet.hosts.HostListException;
import dev.cbagent.fleet.hosts.HostListProblem;
import dev.cbagent.fleet.ssh.HostKeyPolicy;
import dev.cbagent.profile.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Install and register the agent on every host of a list over SSH, then confirm all of them "
                + "through the management server API with a few batched requests.",
                "Hosts already registered are left alone (unchanged). Exit 0 when every host is registered or "
                        + "unchanged, 7 when any failed.", ""})
final class FleetRunCommand implements Callable<Integer>, HasOutput {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--hosts", required = true, paramLabel = "FILE",
            description = "Host list: .txt ([user@]host[:port] a line), .csv (with a header), .yaml, or an Ansible "
                    + "inventory (.ini, no extension, or YAML with a top-level all:).")
    Path hosts;

    @Option(names = "--limit", paramLabel = "GROUP|PATTERN",
            description = "Only these hosts: an inventory group, a host name or address, a glob (web-*) or ~regex; "
                    + "several separated by ':' (union), '&pattern' narrows, '!pattern' excludes.")
    String limit;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Profile of every host that names none.")
    Path profile;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "10",
            description = "Hosts worked on at once. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Append-only event log (JSON lines, fsync'd per event), for --resume; locked while the "
                    + "run lasts.")
    Path journal;

    @Option(names = "--resume", description = "Continue the run recorded in --journal: confirmed hosts are skipped, "
            + "installed ones only verified, the rest retried (after an API check).")
    boolean resume;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report here.")
    Path report;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report here (one testcase per host).")
    Path junit;

    @Option(names = "--identity", paramLabel = "KEY",
            description = "SSH private key for hosts that name none. Default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa.")
    Path identity;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "Default: ~/.ssh/known_hosts.")
    Path knownHosts;

    @Option(names = "--strict-host-key-checking", paramLabel = "MODE", defaultValue = "yes",
            description = "yes (unknown host keys fail the host), accept-new (add unknown keys to known_hosts), "
                    + "or no (check nothing). Default: ${DEFAULT-VALUE}.")
    String strictHostKeyChecking;

    @Option(names = "--host-timeout", paramLabel = "DURATION",
            description = "Time for one host's SSH work (e.g. 20m). Default: the installer timeout plus 5m.")
    String hostTimeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "15s",
            description = "SSH connection and login. Default: ${DEFAULT-VALUE}.")
    String connectTimeout;

    @Option(names = "--upload", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (skip when the same installer, by SHA-256, is already at its path on the host) or "
                    + "always. Default: ${DEFAULT-VALUE}.")
    String upload;

    FleetRunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public OutputOptions outputOptions() {
        return output;
    }

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        PrintWriter out = cli.getOut();
        PrintWriter err = cli.getErr();
        FleetRun.Options options = options(cli);
        try (FleetRun run = new FleetRun(context.environment(), context.profileCheck(), err,
                System.console() != null)) {
            FleetRun.Outcome outcome;
            try {
                outcome = run.run(options, ApiClient::new);
            } catch (HostListException e) {
                return badHostList(e, out, err);
            }
            FleetReport result = outcome.report();
            if (output.json()) {
                err.print(SummaryTable.render(result));
                out.println(Json.write(ReportJson.render(result)));
            } else {
                out.print(SummaryTable.render(result));
            }
            outcome.notes().forEach(err::println);
            out.flush();
            err.flush();
            return result.allOk() && result.stoppedNote() == null ? 0 : ExitCode.FLEET_HOST_FAILED.code();
        }
    }

    private int badHostList(HostListException e, PrintWriter out, PrintWriter err) {
        e.problems().stream().map(HostListProblem::format).forEach(err::println);
        if (output.json()) {
            var doc = Json.object();
            doc.put("status", "failed");
            var error = doc.putObject("error");
            error.put("exitCode", ExitCode.INVALID_INPUT.code());
            error.put("message", "invalid host list");
            var problems = error.putArray("problems");
            for (HostListProblem p : e.problems()) {
                problems.addObject().put("file", p.file()).put("line", p.line()).put("message", p.message());
            }
            out.println(Json.write(doc));
        }
        out.flush();
        err.flush();
        return ExitCode.INVALID_INPUT.code();
    }

    private FleetRun.Options options(CommandLine cli) {
        if (parallel < 1 || parallel > 1000) {
            throw new CommandLine.ParameterException(cli, "--parallel must be 1-1000, got " + parallel);
        }
        HostKeyPolicy policy = HostKeyPolicy.parse(strictHostKeyChecking).orElseThrow(() ->
                new CommandLine.ParameterException(cli, "--strict-host-key-checking: '" + strictHostKeyChecking
                        + "' is not one of yes, accept-new, no"));
        UploadMode uploadMode = switch (upload) {
            case "auto" -> UploadMode.AUTO;
            case "always" -> UploadMode.ALWAYS;
            default -> throw new CommandLine.ParameterException(cli, "--upload: '" + upload
                    + "' is not one of auto, always");
        };
        if (resume && journal == null) {
            throw new CommandLine.ParameterException(cli, "--resume needs --journal FILE (the journal of the run to continue)");
        }
        Duration host = hostTimeout == null ? null : duration(cli, "--host-timeout", hostTimeout);
        Duration connect = duration(cli, "--connect-timeout", connectTimeout);
        if (limit != null && limit.isBlank()) {
            throw new CommandLine.ParameterException(cli, "--limit needs a group or host pattern");
        }
        return new FleetRun.Options(hosts, profile, parallel, journal, resume, report, junit, identity, knownHosts,
                policy, host, connect, uploadMode, limit, context.logDir());
    }

    private static Duration duration(CommandLine cli, String option, String text) {
        Duration d = Durations.parse(text.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new CommandLine.ParameterException(cli, option + ": '" + text + "' is not a duration like 90s, 10m, 1h"));
        if (d.isZero()) {
            throw new CommandLine.ParameterException(cli, option + " must be longer than 0");
        }
        return d;
    }

}
