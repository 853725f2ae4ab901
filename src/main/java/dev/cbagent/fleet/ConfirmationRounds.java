package dev.cbagent.fleet;

import dev.cbagent.api.MachineResource;
import dev.cbagent.verify.IdentityVerdict;
import dev.cbagent.verify.MachineFinder;
import dev.cbagent.verify.PollSettings;
import dev.cbagent.verify.Registration;
import dev.cbagent.verify.RegistrationVerifier;
import dev.cbagent.verify.VerificationOutcome;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The API rounds a fleet run shares across its hosts, one verifier per management server: a confirmation round
 * asks for every host with an identity by id ({@code id=or(...)}, 100 a query) and for the rest by name.
 */
final class ConfirmationRounds {
    /** A UUID is 36 characters: 100 of them keep a query's URL well under common limits. */
    private static final int IDS_PER_QUERY = 100;

    private final Function<ApiTarget, RegistrationVerifier> verifiers;
    private final Map<String, RegistrationVerifier> verifierByTarget = new LinkedHashMap<>();

    ConfirmationRounds(Function<ApiTarget, RegistrationVerifier> verifiers) {
        this.verifiers = verifiers;
    }

    /** One confirmation round for one server. */
    VerificationOutcome check(ApiTarget target, Collection<Confirmations.Probe> probes, boolean online) {
        Map<String, Registration> confirmed = new LinkedHashMap<>();
        Map<String, String> pending = new LinkedHashMap<>();
        List<Confirmations.Probe> byId = probes.stream().filter(p -> p.identity() != null).toList();
        MachineFinder finder = finder(target);
        for (int from = 0; from < byId.size(); from += IDS_PER_QUERY) {
            List<Confirmations.Probe> chunk = byId.subList(from, Math.min(byId.size(), from + IDS_PER_QUERY));
            Map<String, MachineResource> found = finder.byIds(chunk.stream().map(p -> p.identity().instanceId()).toList());
            for (Confirmations.Probe p : chunk) {
                IdentityVerdict verdict = IdentityVerdict.of(p.identity(), p.hostname(), Optional.ofNullable(
                        found.get(p.identity().instanceId().toLowerCase(Locale.ROOT))));
                if (verdict.kind() == IdentityVerdict.Kind.REGISTERED && (!online || verdict.machine().online())) {
                    confirmed.put(p.key(), verdict.toRegistration(p.hostname(), Registration.BY_ID));
                } else {
                    pending.put(p.key(), verdict.reason());
                }
            }
        }
        List<String> names = probes.stream().filter(p -> p.identity() == null).map(Confirmations.Probe::hostname)
                .distinct().toList();
        if (!names.isEmpty()) {
            VerificationOutcome byName = verifier(target).awaitOutcome(names, online, Duration.ZERO);
            byName.confirmed().forEach((name, r) -> confirmed.put("name:" + name, r));
            byName.pending().forEach((name, why) -> pending.put("name:" + name, why));
        }
        return new VerificationOutcome(confirmed, pending);
    }

    MachineFinder finder(ApiTarget target) {
        return new MachineFinder(verifier(target).api(), PollSettings.standard());
    }

    synchronized RegistrationVerifier verifier(ApiTarget target) {
        return verifierByTarget.computeIfAbsent(target.key(), k -> verifiers.apply(target));
    }

    /** The verifiers used so far, per server (their request counts tell the run's API cost). */
    Map<String, RegistrationVerifier> verifiers() {
        return verifierByTarget;
    }
}
