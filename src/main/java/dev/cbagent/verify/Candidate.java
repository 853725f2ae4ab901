package dev.cbagent.verify;

import dev.cbagent.api.MachineResource;

import java.util.List;

/** The best resource for one host among those a round found, with the reason when none qualifies. */
record Candidate(MachineResource resource, boolean accepted, String reason) {

    /** @param found the round's resources named like the host ({@link NameIndex#named}) */
    static Candidate pick(String host, List<MachineResource> found, boolean requireOnline) {
        Candidate best = new Candidate(null, false, "not found");
        int bestScore = -1;
        for (MachineResource r : found) {
            if (!HostNames.matches(host, r.name())) {
                continue;
            }
            Candidate c = judge(r, requireOnline);
            int score = (c.accepted() ? 100 : rank(c.reason())) + (HostNames.matchesExactly(host, r.name()) ? 1 : 0)
                    + (r.online() ? 2 : 0);
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    private static Candidate judge(MachineResource r, boolean requireOnline) {
        if (!r.isMachine()) {
            return new Candidate(r, false, "only a " + r.type() + " named '" + r.name() + "' exists");
        }
        if (r.isDeleted()) {
            return new Candidate(r, false, "'" + r.name() + "' was deleted at " + r.deletedAt());
        }
        if (!r.hasAgent()) {
            return new Candidate(r, false, "'" + r.name() + "' has no agent");
        }
        if (requireOnline && !r.online()) {
            return new Candidate(r, false, "'" + r.name() + "' is registered but its agent is offline");
        }
        return new Candidate(r, true, "");
    }

    /** Which rejection is the most useful to report: the closer to registered, the higher. */
    private static int rank(String reason) {
        if (reason.contains("offline")) {
            return 40;
        }
        if (reason.contains("no agent")) {
            return 30;
        }
        if (reason.contains("deleted")) {
            return 20;
        }
        return 10;
    }
}
