package dev.cbagent.cli;

import dev.cbagent.api.ApiClient;
import dev.cbagent.fleet.FleetRun;
import dev.cbagent.fleet.UploadMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
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

    @Mixin
    FleetHostOptions fleet;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Append-only event log (JSON lines, fsync'd per event), for --resume; locked while the "
                    + "run lasts.")
    Path journal;

    @Option(names = "--resume", description = "Continue the run recorded in --journal: confirmed hosts are skipped, "
            + "installed ones only verified, the rest retried (after an API check).")
    boolean resume;

    @Option(names = "--host-timeout", paramLabel = "DURATION",
            description = "Time for one host's SSH work (e.g. 20m). Default: the installer timeout plus 5m.")
    String hostTimeout;

    @Option(names = "--upload", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (skip when the same installer, by SHA-256, is already at its path on the host) or "
                    + "always. Default: ${DEFAULT-VALUE}.")
    String upload;

    @Option(names = "--dry-run", description = "Connect to nothing but the API and change nothing: per host the "
            + "masked command line that would run and what the API knows of its name (status planned).")
    boolean dryRun;

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
        FleetRun.Options options = options(cli);
        return fleet.execute(cli, context, output, options,
                (run, o) -> dryRun ? run.dryRun(o, ApiClient::new) : run.run(o, ApiClient::new), FleetWords.RUN);
    }

    private FleetRun.Options options(CommandLine cli) {
        UploadMode uploadMode = switch (upload) {
            case "auto" -> UploadMode.AUTO;
            case "always" -> UploadMode.ALWAYS;
            default -> throw new CommandLine.ParameterException(cli, "--upload: '" + upload
                    + "' is not one of auto, always");
        };
        if (resume && journal == null) {
            throw new CommandLine.ParameterException(cli, "--resume needs --journal FILE (the journal of the run to continue)");
        }
        Duration host = hostTimeout == null ? null : FleetHostOptions.duration(cli, "--host-timeout", hostTimeout);
        return fleet.options(cli, journal, resume, host, uploadMode, context.logDir());
    }
}
