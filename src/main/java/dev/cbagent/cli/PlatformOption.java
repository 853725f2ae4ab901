package dev.cbagent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;

/** {@code --platform}, shared by the commands that read a profile. */
final class PlatformOption {
    static final List<String> VALUES = List.of("windows", "linux", "virtual-appliance");
    static final String DESCRIPTION = "Use this platform instead of the profile's (${COMPLETION-CANDIDATES}).";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--platform", paramLabel = "PLATFORM", completionCandidates = ChoiceCandidates.Platforms.class,
            description = DESCRIPTION)
    String platform;

    /** The chosen platform or null; an unknown name is a command-line error (exit 2). */
    String value() {
        if (platform != null && !VALUES.contains(platform)) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    "--platform: '" + platform + "' is not one of " + String.join(", ", VALUES));
        }
        return platform;
    }
}
