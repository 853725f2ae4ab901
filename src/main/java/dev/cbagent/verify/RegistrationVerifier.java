package dev.cbagent.verify;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.MachineResource;
import dev.cbagent.api.Poller;
import dev.cbagent.api.Query;
import dev.cbagent.api.Sleeper;
import dev.cbagent.api.WaitProgress;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides from the API whether hosts are registered (DESIGN.md "Verifying a registration") and polls, with
 * doubling waits, until all are confirmed or the deadline passes. Each round asks one query for all pending hosts.
 */
public final class RegistrationVerifier {
    private static final System.Logger LOG = System.getLogger(RegistrationVerifier.class.getName());

    private final ApiClient api;
    private final Clock clock;
    private final Sleeper sleeper;
    private final PollSettings settings;

    public RegistrationVerifier(ApiClient api) {
        this(api, Clock.systemUTC(), Sleeper.system(), PollSettings.standard());
    }

    public RegistrationVerifier(ApiClient api, Clock clock, Sleeper sleeper) {
        this(api, clock, sleeper, PollSettings.standard());
    }

    public RegistrationVerifier(ApiClient api, Clock clock, Sleeper sleeper, PollSettings settings) {
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ApiClient api() {
        return api;
    }

    /**
     * Polls until every host is confirmed or {@code timeout} has passed (at least one round is always made).
     *
     * @return the confirmed hosts, keyed by the name as given; the caller treats the rest as exit 5
     */
    public Map<String, Registration> await(Collection<String> hostnames, boolean requireOnline, Duration timeout) {
        return awaitOutcome(hostnames, requireOnline, timeout).confirmed();
    }

    /** As {@link #await}, and also says why each unconfirmed host is pending. */
    public VerificationOutcome awaitOutcome(Collection<String> hostnames, boolean requireOnline, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        Map<String, Registration> confirmed = new LinkedHashMap<>();
        Map<String, String> pending = new LinkedHashMap<>();
        for (String host : hostnames) {
            if (host == null || host.isBlank()) {
                throw new CbagentException(ExitCode.INVALID_INPUT, "a host name to verify is empty");
            }
            pending.put(host, "not checked");
        }
        if (!pending.isEmpty()) {
            int[] round = {0};
            poller().until(timeout, "the registration", () -> {
                checkRound(pending, requireOnline, confirmed);
                int finishedRound = ++round[0];
                LOG.log(System.Logger.Level.DEBUG, () -> "round " + finishedRound + ": " + pending.size()
                        + " host(s) pending");
                return pending.isEmpty();
            });
        }
        return new VerificationOutcome(confirmed, pending);
    }

    private Poller poller() {
        return new Poller(clock, sleeper, settings.backoff(), WaitProgress.silent());
    }

    /** One round, no waiting: the hosts confirmed right now. */
    public Map<String, Registration> checkOnce(Collection<String> hostnames, boolean requireOnline) {
        return awaitOutcome(hostnames, requireOnline, Duration.ZERO).confirmed();
    }

    private void checkRound(Map<String, String> pending, boolean requireOnline, Map<String, Registration> confirmed) {
        List<MachineResource> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int baseLength = api.baseUrl().toString().length();
        for (Query query : BatchQueries.plan(pending.keySet(), baseLength, settings)) {
            for (MachineResource resource : api.resources(query)) {
                if (resource.id() == null || seen.add(resource.id())) {
                    found.add(resource);
                }
            }
        }
        NameIndex index = NameIndex.of(found);
        for (String host : new ArrayList<>(pending.keySet())) {
            Candidate best = Candidate.pick(host, index.named(host), requireOnline);
            if (best.accepted()) {
                MachineResource r = best.resource();
                confirmed.put(host, new Registration(host, r.id(), r.agentId(), r.name(), r.online()));
                pending.remove(host);
            } else {
                pending.put(host, best.reason());
            }
        }
    }
}
