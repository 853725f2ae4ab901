package dev.cbagent.sandbox.fake;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Registers this (fake) machine with the sandbox and records where, shared by the installer and the register tool.
 * Like the product it sends the identity the agent already holds ({@code InstanceID}, {@code MMSCurrentMachineID}
 * from the identity file) and afterwards keeps the ids the server answered in that file, upper-case as the product
 * writes them.
 */
final class Registrar {
    private final FakeEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    Registrar(FakeEnvironment environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    private static void pause(java.time.Duration delay) throws UsageError {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageError("interrupted before the agent identity was recorded", e);
        }
    }

    record Credentials(String token, String login, String password, String tenant) {
    }

    void register(String address, Credentials credentials, boolean storageNode) throws UsageError {
        URI server = ServerAddress.parse(address);
        String name = environment.hostname();
        Optional<AgentConfigFile> file = environment.identityFile();
        AgentConfigFile.Identity local = AgentConfigFile.Identity.NONE;
        boolean readable = true;
        if (file.isPresent()) {
            try {
                local = file.get().read();
            } catch (IOException e) {
                readable = false;
                err.println("warning: cannot read the agent identity, registering as a new agent: " + e.getMessage());
            }
        }
        AgentRegistration registration = new AgentRegistration(name, credentials.token(), credentials.login(),
                credentials.password(), credentials.tenant(), storageNode, "linux", local.instanceId(), local.agentId());
        SandboxClient.RegisteredAgent agent = new SandboxClient().register(server, registration);
        if (environment.root().isPresent()) {
            new RegistrationState(environment.root().get()).save(new RegistrationState.Registration(server, name));
        }
        if (file.isPresent() && readable) {
            pause(environment.recordDelay());
            try {
                file.get().write(agent.resourceId().toUpperCase(Locale.ROOT), agent.agentId().toUpperCase(Locale.ROOT));
            } catch (IOException e) {
                throw new UsageError("registered, but cannot record the agent identity: " + e.getMessage(), e);
            }
        }
        out.println("registered '" + name + "' with " + server + ": resource_id=" + agent.resourceId()
                + " agent_id=" + agent.agentId()
                + (agent.takenOver() ? " (took over the machine of InstanceID " + local.instanceId() + ")" : ""));
    }
}
