package dev.cbagent.sandbox.fake;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for the register tool ({@code RegisterAgent} / {@code register_agent}): checks its arguments strictly
 * and registers or unregisters this machine with the sandbox server (see {@link FakeEnvironment} for the knobs). It
 * sends the identity of {@link AgentConfigFile} when registering and keeps the answered ids there; {@code -o
 * unregister} removes the machine of the file's {@code InstanceID} (else the one with this machine's name) and
 * leaves the local ids in place. It prints the arguments it received unmasked, on purpose. Exit 0 on success, 1 on
 * any refusal.
 */
public final class FakeRegisterAgent {
    private final FakeEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    public FakeRegisterAgent(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = new FakeEnvironment(Map.copyOf(environment));
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new FakeRegisterAgent(System.getenv(), System.out, System.err).run(List.of(args)));
    }

    public int run(List<String> args) {
        return new FakeToolRun(environment, out, err).run(FakeTools.REGISTER_AGENT, args, this::execute);
    }

    private void execute(List<String> args) throws UsageError {
        RegisterAgentOptions options = RegisterAgentOptions.parse(args);
        if (options.isRegister()) {
            Registrar.Credentials credentials = new Registrar.Credentials(options.token(), options.login(),
                    options.password(), options.tenant());
            new Registrar(environment, out, err).register(options.address(), credentials, options.storageNode());
        } else {
            unregister(options);
        }
    }

    private void unregister(RegisterAgentOptions options) throws UsageError {
        Optional<RegistrationState> state = environment.root().map(RegistrationState::new);
        Optional<RegistrationState.Registration> saved = state.isPresent() ? state.get().load() : Optional.empty();
        URI server;
        if (options.address() != null) {
            server = ServerAddress.parse(options.address());
        } else if (saved.isPresent()) {
            server = saved.get().server();
        } else {
            throw new UsageError("this agent is not registered: no recorded server (give -a <address>)");
        }
        String instanceId = localInstanceId();
        String name = saved.map(RegistrationState.Registration::name).orElseGet(environment::hostname);
        if (instanceId != null) {
            new SandboxClient().unregisterById(server, instanceId);
        } else {
            new SandboxClient().unregister(server, name);
        }
        if (state.isPresent()) {
            state.get().clear();
        }
        // The local ids stay, as the product leaves them: the agent now holds a stale identity.
        out.println("unregistered '" + name + "'" + (instanceId != null ? " (InstanceID " + instanceId + ")" : "")
                + " from " + server);
    }

    /** The {@code InstanceID} of the identity file, or null when there is none (or it cannot be read). */
    private String localInstanceId() {
        Optional<AgentConfigFile> file = environment.identityFile();
        if (file.isEmpty()) {
            return null;
        }
        try {
            return file.get().read().instanceId();
        } catch (java.io.IOException e) {
            err.println("warning: cannot read the agent identity, unregistering by name: " + e.getMessage());
            return null;
        }
    }
}
