package dev.cbagent.sandbox.fake;

import java.io.PrintStream;
import java.net.URI;

/** Registers this (fake) machine with the sandbox and records where, shared by the installer and the register tool. */
final class Registrar {
    private final FakeEnvironment environment;
    private final PrintStream out;

    Registrar(FakeEnvironment environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    record Credentials(String token, String login, String password, String tenant) {
    }

    void register(String address, Credentials credentials, boolean storageNode) throws UsageError {
        URI server = ServerAddress.parse(address);
        String name = environment.hostname();
        AgentRegistration registration = new AgentRegistration(name, credentials.token(), credentials.login(),
                credentials.password(), credentials.tenant(), storageNode, "linux");
        SandboxClient.RegisteredAgent agent = new SandboxClient().register(server, registration);
        if (environment.root().isPresent()) {
            new RegistrationState(environment.root().get()).save(new RegistrationState.Registration(server, name));
        }
        out.println("registered '" + name + "' with " + server + ": resource_id=" + agent.resourceId()
                + " agent_id=" + agent.agentId());
    }
}
