package dev.cbagent.sandbox.fake;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for {@code CyberBackup_AgentForLinux_x86_64.bin}: checks its arguments strictly, "installs" by creating
 * the agent's folders and its identity file ({@link AgentConfigFile}, without ids) under {@code CBAGENT_AGENT_ROOT}
 * (else {@code CBAGENT_FAKE_ROOT}), and registers with the sandbox server when given {@code --rain}, sending the
 * identity the file already holds and keeping the answered ids in it (see {@link FakeEnvironment} for the knobs). It prints the arguments it received unmasked, on
 * purpose, so that cbagent's log redaction is exercised. Exit 0 on success, 1 on any refusal.
 */
public final class FakeLinuxInstaller {
    private final FakeEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    public FakeLinuxInstaller(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = new FakeEnvironment(Map.copyOf(environment));
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new FakeLinuxInstaller(System.getenv(), System.out, System.err).run(List.of(args)));
    }

    public int run(List<String> args) {
        return new FakeToolRun(environment, out, err).run(FakeTools.LINUX_INSTALLER, args, this::install);
    }

    private void install(List<String> args) throws UsageError {
        LinuxInstallerOptions options = LinuxInstallerOptions.parse(args);
        List<String> fromFile = options.optionsFileLines();
        for (int i = 0; i < fromFile.size(); i++) {
            out.println("options-file[" + i + "]=" + fromFile.get(i));
        }
        if (!options.isSet("--auto")) {
            throw new UsageError("would prompt: without --auto the installer asks questions; run it with --auto");
        }
        out.println("installing " + String.join(", ", options.components()));
        if (environment.root().isPresent()) {
            recordInstallation(environment.root().get(), options.components());
        }
        if (options.has("--rain") && !options.isSet("--skip-registration")) {
            Registrar.Credentials credentials = new Registrar.Credentials(options.value("--token"),
                    options.value("--login"), options.value("--password"), options.value("--unit"));
            new Registrar(environment, out, err).register(options.value("--rain"), credentials, false);
        } else {
            out.println("registration skipped");
        }
        out.println("installation finished");
    }

    private void recordInstallation(Path root, List<String> components) throws UsageError {
        Path agent = root.resolve("usr/lib/Acronis/BackupAndRecovery");
        Path tool = root.resolve("usr/lib/Acronis/RegisterAgentTool/RegisterAgent");
        try {
            Files.createDirectories(agent);
            Files.write(agent.resolve("components.txt"), components);
            AgentConfigFile.under(root).ensureExists();
            new LauncherScript(LauncherScript.currentJava(), System.getProperty("java.class.path"))
                    .write(tool, FakeRegisterAgent.class);
        } catch (IOException e) {
            throw new UsageError("cannot install into " + root + ": " + e.getMessage(), e);
        }
        out.println("installed into " + agent);
    }
}
