package dev.cbagent.protect;

import dev.cbagent.api.Poller;
import dev.cbagent.error.UntrustedText;
import dev.cbagent.plan.ProtectionPlan;
import dev.cbagent.text.Durations;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/** Applies a plan to a batch of machines, waits until it is deployed on each, and runs it once when asked. */
final class PolicyRollout {
    private static final Application NONE = new Application(null, null, null, null, null, null, List.of());

    private final PolicyApplications applications;
    private final Poller poller;
    private final Consumer<String> talk;

    PolicyRollout(PolicyApplications applications, Poller poller, Consumer<String> talk) {
        this.applications = applications;
        this.poller = poller;
        this.talk = talk;
    }

    void roll(ProtectionPlan spec, PolicyRef policy, GroupRef group, Tracker tracker, boolean write) {
        if (!policy.enabled()) {
            warn(tracker, "the plan '" + policy.name() + "' is disabled on the server: it is applied but does not run");
        }
        Map<String, Application> seen = new HashMap<>(applications.list(policy.id(), tracker.ids()));
        seen.forEach((id, application) -> tracker.get(id).saw(application));
        // A plan applied to the group reaches its new members by itself: applying it again would duplicate it.
        boolean viaGroup = group != null && !applications.list(policy.id(), List.of(group.id())).isEmpty();
        List<String> toApply = tracker.ids().stream().filter(id -> !seen.containsKey(id)).toList();
        if (!toApply.isEmpty() && !viaGroup) {
            if (write) {
                say("applying the plan '%s' to %s", policy.name(), tracker.names(toApply));
                for (String issue : applications.apply(policy.id(), toApply)) {
                    warn(tracker, "applying the plan '" + policy.name() + "': " + issue);
                }
            }
            toApply.forEach(id -> tracker.get(id).applied = true);
        }
        if (!write) {
            return;
        }
        awaitDeployment(spec, policy, tracker, seen);
        if (spec.runNow()) {
            runOnce(spec, policy, tracker, seen);
        }
    }

    private void awaitDeployment(ProtectionPlan spec, PolicyRef policy, Tracker tracker, Map<String, Application> seen) {
        Set<String> pending = new HashSet<>();
        for (String id : tracker.ids()) {
            if (!seen.containsKey(id) || !seen.get(id).isDeployed()) {
                pending.add(id);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        if (spec.waitDeployed().isZero()) {
            refresh(policy, pending, tracker, seen);
            return;
        }
        say("waiting up to %s for the plan '%s' to be deployed on %s", Durations.format(spec.waitDeployed()),
                policy.name(), tracker.names(List.copyOf(pending)));
        poller.until(spec.waitDeployed(), "the plan '" + UntrustedText.printable(policy.name()) + "' to be deployed",
                () -> {
            refresh(policy, pending, tracker, seen);
            pending.removeIf(id -> seen.containsKey(id) && seen.get(id).isDeployed());
            return pending.isEmpty();
        });
        for (String id : pending) {
            Application last = seen.get(id);
            tracker.get(id).error = "the plan '" + policy.name() + "' was not deployed on " + tracker.get(id).machine.name()
                    + " within " + Durations.format(spec.waitDeployed()) + " ("
                    + (last == null ? "the server lists no application of it" : last.deploymentText()) + ")";
        }
    }

    private void refresh(PolicyRef policy, Set<String> ids, Tracker tracker, Map<String, Application> seen) {
        applications.list(policy.id(), List.copyOf(ids)).forEach((id, application) -> {
            seen.put(id, application);
            tracker.get(id).saw(application);
        });
    }

    private void runOnce(ProtectionPlan spec, PolicyRef policy, Tracker tracker, Map<String, Application> seen) {
        List<String> toRun = tracker.healthyIds().stream()
                .filter(id -> tracker.get(id).applied || !seen.getOrDefault(id, NONE).hasRun()).toList();
        if (toRun.isEmpty()) {
            return;
        }
        Map<String, Application> before = new HashMap<>();
        toRun.forEach(id -> before.put(id, seen.getOrDefault(id, NONE)));
        say("starting the plan '%s' on %s and waiting up to %s for the run to finish", policy.name(),
                tracker.names(toRun), Durations.format(spec.runTimeout()));
        applications.run(policy.id(), toRun);
        Set<String> pending = new HashSet<>(toRun);
        Set<String> seenRunning = new HashSet<>();
        poller.until(spec.runTimeout(), "the run of the plan '" + UntrustedText.printable(policy.name())
                + "' to finish", () -> {
            applications.list(policy.id(), List.copyOf(pending)).forEach((id, now) -> {
                seen.put(id, now);
                if (now.isRunning()) {
                    seenRunning.add(id);
                } else if (seenRunning.contains(id) || now.ranSince(before.get(id))) {
                    finished(policy, tracker, id, now, before.get(id));
                    pending.remove(id);
                }
            });
            return pending.isEmpty();
        });
        for (String id : pending) {
            Application last = seen.getOrDefault(id, NONE);
            tracker.get(id).error = "the run of the plan '" + policy.name() + "' on " + tracker.get(id).machine.name()
                    + " did not finish within " + Durations.format(spec.runTimeout()) + " (running state "
                    + (last.runningState() == null ? "not shown" : last.runningState()) + ")";
        }
    }

    private void finished(PolicyRef policy, Tracker tracker, String id, Application now, Application before) {
        Tracker.State state = tracker.get(id);
        state.ran = true;
        state.runStatus = now.status();
        boolean succeeded = now.isGood()
                || now.status() == null && !Objects.equals(now.lastSuccessTime(), before.lastSuccessTime());
        if (!succeeded) {
            state.error = "the run of the plan '" + policy.name() + "' on " + state.machine.name() + " ended with status '"
                    + now.status() + "'";
        } else if ("WARNING".equals(String.valueOf(now.status()).toUpperCase(Locale.ROOT))) {
            warn(tracker, "the run of the plan '" + policy.name() + "' on " + state.machine.name() + " ended with warnings");
        }
    }

    private void warn(Tracker tracker, String warning) {
        tracker.warnings.add(warning);
        talk.accept("warning: " + warning);
    }

    private void say(String format, Object... args) {
        talk.accept(String.format(format, args));
    }
}
