package dev.cbagent.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The picocli models of the root command and of the commands that config-management tools run again and again
 * ({@code validate}, {@code plan}), built through picocli's programmatic API. An annotated command costs its
 * first run the JDK's annotation machinery (a proxy class per annotation type, reflection on every field): tens
 * of milliseconds that these commands do not pay. The other commands stay annotated; both kinds share
 * {@link OutputOptions} and {@link PlatformOption} (and their help texts). Options are added in the order picocli
 * adds those of the annotated classes (the completion script lists them in that order).
 */
final class CommandSpecs {
    private CommandSpecs() {
    }

    static CommandSpec root(RootCommand command) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("cbagent");
        spec.versionProvider(new VersionProvider());
        spec.usageMessage()
                .description("Installs and registers Cyber Backup 18.5 agents and proves each registration "
                        + "through the management server's API.", "")
                .footerHeading("%nExit codes:%n")
                .footer("  0 done     1 internal error     2 invalid command line or profile",
                        "  3 installer failed     4 registration tool failed     5 not confirmed by the API in time",
                        "  6 server unreachable, TLS or credentials     7 fleet: a host failed     10 reboot required");
        command.output = outputOptions(spec);
        standardHelpOptions(spec);
        command.spec = spec;
        return spec;
    }

    static CommandSpec plan(PlanCommand command) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("plan");
        spec.usageMessage().description(
                "Print the exact vendor command lines an action would run, with every secret as ******.",
                "Runs nothing.", "");
        command.output = outputOptions(spec);
        spec.addPositional(PositionalParamSpec.builder().paramLabel("PROFILE").arity("1").required(true).type(Path.class)
                .description("Profile file (YAML).").setter(setter(v -> command.profile = (Path) v))
                .getter(getter(() -> command.profile)).build());
        spec.addOption(OptionSpec.builder("--action").paramLabel("ACTION").type(String.class).defaultValue("install")
                .description("install, register or unregister. Default: ${DEFAULT-VALUE}.")
                .setter(setter(v -> command.action = (String) v)).getter(getter(() -> command.action)).build());
        command.platformOption = platformOption(spec);
        standardHelpOptions(spec);
        command.spec = spec;
        return spec;
    }

    static CommandSpec validate(ValidateCommand command) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("validate");
        spec.usageMessage()
                .description("Check profiles against every vendor rule, reporting all findings at once as",
                        "FILE:LINE:COLUMN: error|warning: key.path: message. Touches nothing.", "")
                .footer("", "Exit code 0 when every profile is valid (warnings allowed), 2 otherwise.");
        command.output = outputOptions(spec);
        spec.addPositional(PositionalParamSpec.builder().paramLabel("PROFILE").arity("1..*").required(true).type(List.class)
                .auxiliaryTypes(Path.class).description("Profile files (YAML).")
                .setter(setter(v -> command.profiles = castToPaths(v))).getter(getter(() -> command.profiles)).build());
        command.platformOption = platformOption(spec);
        standardHelpOptions(spec);
        command.spec = spec;
        return spec;
    }

    @SuppressWarnings("unchecked")
    private static List<Path> castToPaths(Object value) {
        return (List<Path>) value;
    }

    /** {@code -h}/{@code --help} and {@code -V}/{@code --version}, as {@code mixinStandardHelpOptions} adds them. */
    private static void standardHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).descriptionKey("mixinStandardHelpOptions.help")
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .descriptionKey("mixinStandardHelpOptions.version")
                .description("Print version information and exit.").build());
    }

    private static OutputOptions outputOptions(CommandSpec spec) {
        OutputOptions options = new OutputOptions();
        spec.addOption(OptionSpec.builder("-o", "--output").paramLabel("FORMAT").type(OutputFormat.class).defaultValue("text")
                .initialValue(OutputFormat.text)
                .description(OutputOptions.OUTPUT_DESCRIPTION)
                .setter(setter(v -> options.output = (OutputFormat) v)).getter(getter(() -> options.output)).build());
        spec.addOption(OptionSpec.builder("--debug").type(boolean.class).initialValue(false).description(OutputOptions.DEBUG_DESCRIPTION)
                .setter(setter(v -> options.debug = (Boolean) v)).getter(getter(() -> options.debug)).build());
        return options;
    }

    private static PlatformOption platformOption(CommandSpec spec) {
        PlatformOption option = new PlatformOption();
        option.mixee = spec;
        spec.addOption(OptionSpec.builder("--platform").paramLabel("PLATFORM").type(String.class)
                .completionCandidates(new PlatformOption.Candidates()).description(PlatformOption.DESCRIPTION)
                .setter(setter(v -> option.platform = (String) v)).getter(getter(() -> option.platform)).build());
        return option;
    }

    private static ISetter setter(Consumer<Object> set) {
        return new ISetter() {
            @Override
            public <T> T set(T value) {
                set.accept(value);
                return null;
            }
        };
    }

    private static IGetter getter(Supplier<Object> get) {
        return new IGetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get() {
                return (T) get.get();
            }
        };
    }
}
