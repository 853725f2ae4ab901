package dev.cbagent.workflow;

import dev.cbagent.platform.identity.LocalAgent;

import java.nio.file.Path;

/**
 * An agent found installed on this machine before acting: where, the identity its configuration holds (if any), and
 * what to run instead when it is installed but not registered.
 *
 * @param path           the installation's folder or file the probe found
 * @param identitySource where its identity is kept (a file or registry key)
 * @param instanceId     its {@code InstanceID}, or null when it has none (never registered, or reset)
 * @param agentId        its {@code MMSCurrentMachineID}, or null
 * @param server         the management server its configuration names, or null
 * @param suggestion     the command that registers it without installing again, or null when that is not the advice
 */
public record ExistingInstallation(String path, String identitySource, String instanceId, String agentId,
                                   String server, String suggestion) {

    static ExistingInstallation of(Path path, LocalAgent agent, String suggestion) {
        return new ExistingInstallation(path.toString(), agent.source(),
                agent.known().map(id -> id.instanceId()).orElse(null),
                agent.known().map(id -> id.agentId()).orElse(null), agent.server(), suggestion);
    }

    /** One sentence for the text output: where it is, what it is, and the suggestion. */
    public String sentence() {
        String identity = instanceId == null ? "no InstanceID yet" : "InstanceID " + instanceId
                + (agentId == null ? "" : ", agent " + agentId);
        String known = "an agent is already installed here (" + path + "; " + identity
                + (server == null ? "" : ", configured for " + dev.cbagent.error.UntrustedText.printable(server)) + ")";
        return suggestion == null ? known
                : known + " but this machine is not registered: " + suggestion + " registers it without installing again";
    }
}
