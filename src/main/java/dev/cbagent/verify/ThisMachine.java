package dev.cbagent.verify;

import dev.cbagent.api.ApiFailures;
import dev.cbagent.api.MachineResource;
import dev.cbagent.api.Poller;
import dev.cbagent.api.Sleeper;
import dev.cbagent.api.WaitProgress;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.error.UntrustedText;
import dev.cbagent.platform.identity.AgentIdentity;
import dev.cbagent.platform.identity.LocalAgent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether <em>this</em> machine is registered, decided by the agent's own identity (DESIGN.md "Idempotency" and
 * "Verifying a registration"): by {@code InstanceID} when the agent has one, by name only when no identity can be
 * read — and then never by a record older than the step, and never by picking one of two live machines.
 */
public final class ThisMachine {
    /** Clock skew allowed between this machine and the server when judging "created after the step". */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final MachineFinder finder;
    private final String host;
    private final Clock clock;
    private final Sleeper sleeper;
    private final PollSettings poll;
    private final WaitProgress progress;

    public ThisMachine(MachineFinder finder, String host, Clock clock, Sleeper sleeper, PollSettings poll) {
        this(finder, host, clock, sleeper, poll, WaitProgress.silent());
    }

    /** @param progress tells what a long poll waits for (stderr in the CLI) */
    public ThisMachine(MachineFinder finder, String host, Clock clock, Sleeper sleeper, PollSettings poll,
                       WaitProgress progress) {
        this.finder = finder;
        this.host = host;
        this.clock = clock;
        this.sleeper = sleeper;
        this.poll = poll;
        this.progress = progress;
    }

    public String host() {
        return host;
    }

    /** The pre-check before any step: what the server knows of this machine now. */
    public record Before(Kind kind, Registration registration, IdentityVerdict verdict, List<MachineResource> named,
                         String note) {
        public enum Kind { REGISTERED, NOT_REGISTERED, CLONE, CONFLICT }

        /** Ids of the other live or offline machines with this name (not the one that is this machine). */
        public List<String> duplicates(String exceptId) {
            return duplicateIds(named, exceptId);
        }
    }

    /** The outcome of a confirmation. */
    public record After(Registration registration, String reason, List<MachineResource> conflict,
                        CbagentException unreachable) {
        public boolean confirmed() {
            return registration != null;
        }

        /** The exit code when not confirmed: 8 for a conflict, 6 when the server stayed unreachable, else 5. */
        public ExitCode failure() {
            if (!conflict.isEmpty()) {
                return ExitCode.IDENTITY_CONFLICT;
            }
            return unreachable != null ? unreachable.exitCode() : ExitCode.VERIFICATION_FAILED;
        }
    }

    /** The pre-check before any step, with the other machines of this name (one more query when identified). */
    public Before before(LocalAgent local) {
        return before(local, true);
    }

    /**
     * The pre-check before any step: by the identity when the agent has one, by name when it cannot be read.
     *
     * @param listNamed also ask by name when the identity settles it, for {@link Before#duplicates}; a fleet asks
     *                  by id only (one query per host instead of two)
     */
    public Before before(LocalAgent local, boolean listNamed) {
        boolean byName = listNamed || local.state() == LocalAgent.State.UNREADABLE;
        List<MachineResource> named = byName ? live(finder.byName(host)) : List.of();
        switch (local.state()) {
            case IDENTIFIED -> {
                AgentIdentity identity = local.identity();
                return byIdentity(IdentityVerdict.of(identity, host, finder.byId(identity.instanceId())), host, named);
            }
            case UNREADABLE -> {
                List<MachineResource> agents = named.stream().filter(MachineResource::hasAgent).toList();
                if (agents.size() > 1) {
                    return new Before(Before.Kind.CONFLICT, null, null, named, conflictSentence(agents));
                }
                if (agents.size() == 1 && agents.get(0).online()) {
                    // Without an identity only a live, online agent with this name is taken for this machine; an
                    // offline record may well be a stale one.
                    MachineResource r = agents.get(0);
                    return new Before(Before.Kind.REGISTERED, registration(r, Registration.BY_NAME), null, named, null);
                }
                return new Before(Before.Kind.NOT_REGISTERED, null, null, named, null);
            }
            default -> {
                return new Before(Before.Kind.NOT_REGISTERED, null, null, named, null);
            }
        }
    }

    /**
     * The pre-check of a machine that holds an identity, from the server's verdict on its InstanceID.
     *
     * @param named the live machines of this name (for {@link Before#duplicates}); empty when not asked
     */
    public static Before byIdentity(IdentityVerdict verdict, String host, List<MachineResource> named) {
        return switch (verdict.kind()) {
            case REGISTERED -> new Before(Before.Kind.REGISTERED, verdict.toRegistration(host, Registration.BY_ID),
                    verdict, named, null);
            case CLONE -> new Before(Before.Kind.CLONE, null, verdict, named, verdict.reason());
            case STALE, OTHER_AGENT -> new Before(Before.Kind.NOT_REGISTERED, null, verdict, named,
                    verdict.reason() + ": not this machine's registration");
        };
    }

    /**
     * Polls until this machine is confirmed or the deadline passes (at least one round). The local identity is read
     * again each round (the tool that ran writes it); without one, a machine found by name counts only when it was
     * created or updated after {@code stepStarted} (null: any time) less {@link #CLOCK_SKEW}.
     */
    public After confirm(Supplier<LocalAgent> local, Instant stepStarted, boolean requireOnline, Duration timeout) {
        Confirmation round = new Confirmation(local, stepStarted, requireOnline);
        Polled<After> polled = poll(timeout, "the management server to confirm " + host, round::attempt);
        return polled.answer().orElseGet(() -> round.timedOut(polled.lastFailure()));
    }

    /** After {@code unregister}: polls until the server no longer lists this machine as live. */
    public boolean awaitGone(AgentIdentity identity, Duration timeout) {
        return poll(timeout, "the management server to drop " + host, () -> {
            boolean gone = identity != null
                    ? IdentityVerdict.of(identity, host, finder.byId(identity.instanceId())).kind() != IdentityVerdict.Kind.REGISTERED
                    : live(finder.byName(host)).stream().noneMatch(MachineResource::hasAgent);
            return gone ? Optional.of(true) : Optional.empty();
        }).answer().isPresent();
    }

    /** One confirmation, round by round; remembers why the last round did not confirm. */
    private final class Confirmation {
        private final Supplier<LocalAgent> local;
        private final Instant stepStarted;
        private final boolean requireOnline;
        private boolean askedByAgentId;
        private String reason = "not checked";

        Confirmation(Supplier<LocalAgent> local, Instant stepStarted, boolean requireOnline) {
            this.local = local;
            this.stepStarted = stepStarted;
            this.requireOnline = requireOnline;
        }

        Optional<After> attempt() {
            LocalAgent agent = local.get();
            return agent.state() == LocalAgent.State.IDENTIFIED ? byIdentity(agent.identity()) : byName();
        }

        private Optional<After> byIdentity(AgentIdentity identity) {
            Optional<MachineResource> answer = finder.byId(identity.instanceId());
            IdentityVerdict verdict;
            String foundBy = Registration.BY_ID;
            if (answer.isEmpty() && !askedByAgentId && identity.agentId() != null) {
                askedByAgentId = true;
                answer = live(finder.byAgentId(identity.agentId())).stream()
                        .filter(r -> HostNames.matches(host, r.name())).findFirst();
                foundBy = Registration.BY_AGENT_ID;
                verdict = answer.isPresent()
                        ? IdentityVerdict.of(new AgentIdentity(answer.get().id(), identity.agentId()), host, answer)
                        : IdentityVerdict.of(identity, host, answer);
            } else {
                verdict = IdentityVerdict.of(identity, host, answer);
            }
            if (verdict.kind() == IdentityVerdict.Kind.REGISTERED && (!requireOnline || verdict.machine().online())) {
                return Optional.of(new After(verdict.toRegistration(host, foundBy), null, List.of(), null));
            }
            if (verdict.kind() == IdentityVerdict.Kind.CLONE) {
                if (stepStarted == null) {
                    // Nothing ran: the id is another machine's record, which no waiting will change.
                    return Optional.of(new After(null, verdict.reason() + ": this machine was probably cloned from "
                            + UntrustedText.printable(verdict.machine().name()) + "'s image", List.of(verdict.machine()), null));
                }
                // The step just registered this agent, under another name than the one expected.
                reason = "this agent is registered as '" + UntrustedText.printable(verdict.machine().name())
                        + "' (resource " + UntrustedText.printable(verdict.machine().id()) + "), not as " + host;
                return Optional.empty();
            }
            reason = verdict.reason();
            return Optional.empty();
        }

        private Optional<After> byName() {
            List<MachineResource> fresh = changedSince(live(finder.byName(host)), stepStarted);
            if (fresh.size() > 1) {
                return Optional.of(new After(null, conflictSentence(fresh), fresh, null));
            }
            if (fresh.isEmpty()) {
                reason = stepStarted == null ? "not found" : "no machine named " + host
                        + " was registered or updated since the step started";
                return Optional.empty();
            }
            MachineResource r = fresh.get(0);
            if (r.hasAgent() && (!requireOnline || r.online())) {
                return Optional.of(new After(registration(r, Registration.BY_NAME), null, List.of(), null));
            }
            reason = "'" + UntrustedText.printable(r.name()) + "' " + (r.hasAgent() ? "is registered but its agent is offline" : "has no agent");
            return Optional.empty();
        }

        After timedOut(CbagentException lastFailure) {
            return new After(null, lastFailure != null ? lastFailure.getMessage() : reason, List.of(), lastFailure);
        }
    }

    /**
     * What a poll ended with.
     *
     * @param lastFailure the transport failure of the last round, when it failed that way; null when it got an answer
     */
    private record Polled<T>(Optional<T> answer, CbagentException lastFailure) {
    }

    /**
     * Asks {@code round} until it gives an answer or the deadline passes (at least once), with doubling waits.
     * Dropped, reset or refused connections and timeouts are asked again until the deadline; any other failure ends
     * the poll.
     */
    private <T> Polled<T> poll(Duration timeout, String what, Supplier<Optional<T>> round) {
        CbagentException[] lastFailure = {null};
        Optional<T> answer = new Poller(clock, sleeper, poll.backoff(), progress).poll(timeout, what, () -> {
            lastFailure[0] = null;
            try {
                return round.get();
            } catch (CbagentException e) {
                if (!ApiFailures.isTransient(e)) {
                    throw e;
                }
                lastFailure[0] = e;
                return Optional.empty();
            }
        });
        return new Polled<>(answer, answer.isPresent() ? null : lastFailure[0]);
    }

    /** Ids of the live or offline machines named like this host, other than {@code exceptId}: one name query. */
    public List<String> duplicates(String exceptId) {
        try {
            return duplicateIds(live(finder.byName(host)), exceptId);
        } catch (CbagentException e) {
            return List.of();
        }
    }

    static List<String> duplicateIds(List<MachineResource> named, String exceptId) {
        List<String> ids = new ArrayList<>();
        for (MachineResource r : named) {
            if (r.id() != null && (exceptId == null || !r.id().equalsIgnoreCase(exceptId))) {
                ids.add(r.id());
            }
        }
        return ids;
    }

    private Registration registration(MachineResource r, String foundBy) {
        return new Registration(host, r.id(), r.agentId(), r.name(), r.online(), foundBy);
    }

    private static List<MachineResource> live(List<MachineResource> found) {
        return found.stream().filter(r -> r.isMachine() && !r.isDeleted()).toList();
    }

    private static List<MachineResource> changedSince(List<MachineResource> found, Instant stepStarted) {
        if (stepStarted == null) {
            return found;
        }
        Instant since = stepStarted.minus(CLOCK_SKEW);
        // A record without timestamps cannot prove it is new: it does not count.
        return found.stream().filter(r -> r.lastChange() != null && !r.lastChange().isBefore(since)).toList();
    }

    private String conflictSentence(List<MachineResource> machines) {
        StringBuilder ids = new StringBuilder();
        for (MachineResource r : machines) {
            ids.append(ids.length() == 0 ? "" : ", ").append('\'').append(UntrustedText.printable(r.name()))
                    .append("' (resource ").append(UntrustedText.printable(r.id())).append(r.online() ? ", online" : ", offline").append(')');
        }
        return machines.size() + " live machines match " + host.toLowerCase(Locale.ROOT) + " and none is provably this "
                + "one (no agent identity could be read): " + ids;
    }
}
