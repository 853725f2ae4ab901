package dev.cbagent.verify;

import dev.cbagent.api.MachineResource;
import dev.cbagent.platform.identity.AgentIdentity;

import java.util.Optional;

/**
 * What the server's record of a local {@code InstanceID} says about this machine (DESIGN.md "Idempotency" 2).
 *
 * @param machine the record; null when the server does not know the id
 */
public record IdentityVerdict(Kind kind, MachineResource machine, String reason) {
    public enum Kind {
        /** A live machine with this agent and this host's name (online or not: see {@code machine.online()}). */
        REGISTERED,
        /** Unknown to the server, soft-deleted, or not a machine: a leftover identity; register anew. */
        STALE,
        /** A live machine with another host's name: this machine was cloned from that one's image. */
        CLONE,
        /** A live machine with this name, but another agent (or none): not this agent's registration. */
        OTHER_AGENT
    }

    public static IdentityVerdict of(AgentIdentity identity, String host, Optional<MachineResource> answer) {
        String id = identity.instanceId();
        if (answer.isEmpty()) {
            return new IdentityVerdict(Kind.STALE, null, "the server does not know this agent's InstanceID " + id);
        }
        MachineResource r = answer.get();
        if (!r.isMachine()) {
            return new IdentityVerdict(Kind.STALE, r, "InstanceID " + id + " is a " + shown(r.type()) + ", not a machine");
        }
        if (r.isDeleted()) {
            return new IdentityVerdict(Kind.STALE, r, "the machine of InstanceID " + id + " ('" + shown(r.name())
                    + "') was deleted at " + shown(r.deletedAt()));
        }
        if (!HostNames.matches(host, r.name())) {
            return new IdentityVerdict(Kind.CLONE, r, "this machine carries the agent identity of '" + shown(r.name())
                    + "' (resource " + shown(r.id()) + ")");
        }
        if (!r.hasAgent() || !identity.sameAgent(r.agentId())) {
            return new IdentityVerdict(Kind.OTHER_AGENT, r, "'" + shown(r.name()) + "' (resource " + shown(r.id()) + ") is "
                    + (r.hasAgent() ? "registered with agent " + shown(r.agentId()) + ", not this agent " + identity.agentId()
                    : "a machine without an agent"));
        }
        return new IdentityVerdict(Kind.REGISTERED, r, r.online() ? "" : "'" + shown(r.name())
                + "' is registered but its agent is offline");
    }

    private static String shown(String serverText) {
        return dev.cbagent.error.UntrustedText.printable(serverText);
    }

    public Registration toRegistration(String host, String foundBy) {
        return new Registration(host, machine.id(), machine.agentId(), machine.name(), machine.online(), foundBy);
    }
}
