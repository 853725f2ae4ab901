package dev.cbagent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "cbagent", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Installs and registers Cyber Backup 18.5 agents and proves each registration "
                + "through the management server's API.", ""},
        footerHeading = "%nExit codes:%n",
        footer = {"  0 done     1 internal error     2 invalid command line or profile",
                "  3 installer failed     4 registration tool failed     5 not confirmed by the API in time",
                "  6 server unreachable, TLS or credentials     7 fleet: a host failed     10 reboot required"})
public final class RootCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
