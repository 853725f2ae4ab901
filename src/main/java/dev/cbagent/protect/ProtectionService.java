package dev.cbagent.protect;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.Poller;
import dev.cbagent.api.Sleeper;
import dev.cbagent.api.WaitProgress;
import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.ProtectionPlan;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Puts registered machines into a static group and under a protection plan (issue 6; guide 2.9, 2.10.2–2.10.4),
 * for one machine or a whole batch with the same number of write calls: one {@code PATCH} with every machine that
 * is not yet a member, one {@code POST /policy_applications} with every machine that lacks the plan, one
 * {@code :run}. Polls for all pending machines in one query per round.
 *
 * <p>Use: {@link #resolve} before anything is installed (an unknown plan or group is exit 2), then
 * {@link #protect} once the machines are registered, or {@link #preview} for a dry run. Idempotent: a machine
 * already in the group with the plan deployed changes nothing.
 */
public final class ProtectionService {
    private final ApiClient api;
    private final GroupLookup groups;
    private final GroupMembership membership;
    private final PolicyLookup policies;
    private final PolicyRollout rollout;
    private final Consumer<String> talk;

    public ProtectionService(ApiClient api) {
        this(api, Clock.systemUTC(), Sleeper.system(), ProtectionTimings.standard(), message -> { },
                WaitProgress.silent());
    }

    /**
     * @param talk receives progress sentences and warnings (stderr in the CLI)
     */
    public ProtectionService(ApiClient api, Clock clock, Sleeper sleeper, ProtectionTimings timings,
                             Consumer<String> talk) {
        this(api, clock, sleeper, timings, talk, WaitProgress.silent());
    }

    /**
     * @param talk     receives progress sentences and warnings (stderr in the CLI)
     * @param progress tells what a long deployment or run wait waits for
     */
    public ProtectionService(ApiClient api, Clock clock, Sleeper sleeper, ProtectionTimings timings,
                             Consumer<String> talk, WaitProgress progress) {
        this.api = api;
        this.groups = new GroupLookup(api);
        this.membership = new GroupMembership(api);
        this.policies = new PolicyLookup(api);
        this.talk = talk;
        this.rollout = new PolicyRollout(new PolicyApplications(api), new Poller(clock, sleeper, timings.backoff(), progress), talk);
    }

    /**
     * Finds the group and the plan.
     *
     * @throws CbagentException exit 2 naming the group or plan when it does not exist (a missing group is fine with
     *                          {@code createGroup}), is ambiguous, or is not a static group
     */
    public ProtectionTargets resolve(ProtectionPlan spec) {
        GroupRef group = null;
        boolean missing = false;
        if (spec.hasGroup()) {
            Optional<GroupRef> found = groups.find(spec.group());
            if (found.isEmpty() && !spec.createGroup()) {
                throw new CbagentException(ExitCode.INVALID_INPUT, groups.unknown(spec.group()));
            }
            group = found.orElse(null);
            missing = found.isEmpty();
        }
        PolicyRef policy = null;
        if (spec.hasPlan()) {
            policy = policies.find(spec.plan())
                    .orElseThrow(() -> new CbagentException(ExitCode.INVALID_INPUT, policies.unknown(spec.plan())));
        }
        return new ProtectionTargets(group, missing, policy);
    }

    /** What {@link #protect} would change, changing nothing. */
    public ProtectionReport preview(ProtectionPlan spec, ProtectionTargets targets, List<Machine> machines) {
        return run(spec, targets, machines, false);
    }

    /**
     * Adds the machines to the group, applies the plan, waits until it is deployed and runs it when asked.
     * A machine that misses a deadline carries an error in the report (the caller's exit 5); a refused call
     * throws (exit 6).
     */
    public ProtectionReport protect(ProtectionPlan spec, ProtectionTargets targets, List<Machine> machines) {
        return run(spec, targets, machines, true);
    }

    private ProtectionReport run(ProtectionPlan spec, ProtectionTargets targets, List<Machine> machines, boolean write) {
        Tracker tracker = new Tracker(machines);
        GroupRef group = targets.group();
        boolean created = false;
        if (spec.hasGroup()) {
            if (group == null) {
                created = true;
                if (write) {
                    say("creating the static group '%s'", spec.group());
                    group = groups.create(spec.group());
                } else {
                    tracker.ids().forEach(id -> tracker.get(id).added = true);
                }
            }
            if (group != null) {
                addMembers(group, tracker, write);
            }
        }
        if (spec.hasPlan()) {
            rollout.roll(spec, targets.policy(), group, tracker, write);
        }
        return new ProtectionReport(group, spec.group(), created, targets.policy(), !write, tracker.warnings,
                tracker.freeze());
    }

    private void addMembers(GroupRef group, Tracker tracker, boolean write) {
        Set<String> members = membership.members(group, tracker.ids());
        List<String> toAdd = tracker.ids().stream().filter(id -> !members.contains(id)).toList();
        if (toAdd.isEmpty()) {
            return;
        }
        if (write) {
            say("adding %s to the group '%s'", tracker.names(toAdd), group.name());
            membership.add(group, toAdd);
        }
        toAdd.forEach(id -> tracker.get(id).added = true);
    }

    private void say(String format, Object... args) {
        talk.accept(String.format(format, args));
    }
}
