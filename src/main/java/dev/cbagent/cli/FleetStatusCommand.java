package dev.cbagent.cli;

import dev.cbagent.api.ApiClient;
import dev.cbagent.fleet.FleetRun;
import dev.cbagent.fleet.UploadMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Ask the management server API what it knows of every host of a list, changing nothing:",
                "registered (online), offline, missing, or conflict (several live machines with the name). Hosts",
                "without a hostname in the list are asked for it over SSH (read-only); the rest cost no connection.",
                "At most ceil(N/50) + 2 API requests for N named hosts. Exit 0 when every host is registered, 7",
                "otherwise.", ""})
final class FleetStatusCommand implements Callable<Integer>, HasOutput {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    FleetHostOptions fleet;

    FleetStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public OutputOptions outputOptions() {
        return output;
    }

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        FleetRun.Options options = fleet.options(cli, null, false, null, UploadMode.AUTO);
        return fleet.execute(cli, context, output, options, (run, o) -> run.status(o, ApiClient::new),
                FleetWords.STATUS);
    }
}
