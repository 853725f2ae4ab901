package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.error.ExitCode;
import dev.cbagent.fleet.FleetReport;
import dev.cbagent.fleet.FleetRun;
import dev.cbagent.fleet.ReportJson;
import dev.cbagent.fleet.SummaryTable;
import dev.cbagent.fleet.UploadMode;
import dev.cbagent.fleet.HostResult;
import dev.cbagent.fleet.ssh.HostKeyPolicy;
import dev.cbagent.text.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BiFunction;

/** What every fleet command takes: the host list, the profile, the reports and how to reach hosts over SSH. */
final class FleetHostOptions {
    @Option(names = "--hosts", required = true, paramLabel = "FILE",
            description = "Host list: a text file ([user@]host[:port] a line), CSV with a header, YAML, or an Ansible "
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
            completionCandidates = ChoiceCandidates.HostKeyChecking.class,
            description = "yes (unknown host keys fail the host), accept-new (add unknown keys to known_hosts), "
                    + "or no (check nothing). Default: ${DEFAULT-VALUE}.")
    String strictHostKeyChecking;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "15s",
            description = "SSH connection and login. Default: ${DEFAULT-VALUE}.")
    String connectTimeout;

    /** The parsed options of a fleet command, with the run-only ones given; no logs of failed hosts. */
    FleetRun.Options options(CommandLine cli, Path journal, boolean resume, Duration hostTimeout, UploadMode upload) {
        return options(cli, journal, resume, hostTimeout, upload, null);
    }

    /** The parsed options of a fleet command, with the run-only ones given; failed hosts' logs go under logDir. */
    FleetRun.Options options(CommandLine cli, Path journal, boolean resume, Duration hostTimeout, UploadMode upload,
                             Path logDir) {
        if (parallel < 1 || parallel > 1000) {
            throw new CommandLine.ParameterException(cli, "--parallel must be 1-1000, got " + parallel);
        }
        HostKeyPolicy policy = HostKeyPolicy.parse(strictHostKeyChecking).orElseThrow(() ->
                new CommandLine.ParameterException(cli, "--strict-host-key-checking: '" + strictHostKeyChecking
                        + "' is not one of yes, accept-new, no"));
        Duration connect = duration(cli, "--connect-timeout", connectTimeout);
        if (limit != null && limit.isBlank()) {
            throw new CommandLine.ParameterException(cli, "--limit needs a group or host pattern");
        }
        return new FleetRun.Options(hosts, profile, parallel, journal, resume, report, junit, identity, knownHosts,
                policy, hostTimeout, connect, upload, limit, logDir);
    }

    /**
     * Runs a fleet command and prints its report: the summary table (stdout, or stderr with JSON), the JSON report
     * in the envelope, the notes; exit 0 when every host is fine, 7 otherwise (a bad host list throws, exit 2).
     *
     * @param words the command's status words: {@code [0]} when every host is fine, {@code [1]} otherwise
     */
    int execute(CommandLine cli, CliContext context, OutputOptions output, FleetRun.Options options,
                BiFunction<FleetRun, FleetRun.Options, FleetRun.Outcome> command, FleetWords words) {
        PrintWriter out = cli.getOut();
        PrintWriter err = cli.getErr();
        try (FleetRun run = new FleetRun(context.environment(), context.profileCheck(), err, context.terminal())) {
            FleetRun.Outcome outcome = command.apply(run, options);
            FleetReport result = outcome.report();
            boolean ok = result.allOk() && result.stoppedNote() == null;
            ExitCode exit = ok ? ExitCode.OK : ExitCode.FLEET_HOST_FAILED;
            if (output.json()) {
                err.print(SummaryTable.render(result));
                ObjectNode doc = Envelope.of(Envelope.commandName(cli.getCommandSpec()), words.status(result),
                        result.hosts().stream().anyMatch(HostResult::changed), exit, ok ? null : words.problem(result));
                doc.setAll(ReportJson.render(result));
                out.println(Json.write(doc));
            } else {
                out.print(SummaryTable.render(result));
            }
            outcome.notes().forEach(err::println);
            if (!ok) {
                err.println("cbagent: error: " + words.problem(result));
            }
            out.flush();
            err.flush();
            return exit.code();
        }
    }

    static Duration duration(CommandLine cli, String option, String text) {
        Duration d = Durations.parse(text.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new CommandLine.ParameterException(cli, option + ": '" + text + "' is not a duration like 90s, 10m, 1h"));
        if (d.isZero()) {
            throw new CommandLine.ParameterException(cli, option + " must be longer than 0");
        }
        return d;
    }
}
