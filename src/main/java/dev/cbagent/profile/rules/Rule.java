package dev.cbagent.profile.rules;

import dev.cbagent.profile.model.Profile;

import java.util.List;
import java.util.function.Function;

/** One validation rule: an id (used by tests and docs) and a check that returns every violation it sees. */
public record Rule(String id, Function<Profile, List<Violation>> check) {
    public List<Violation> apply(Profile profile) {
        return check.apply(profile);
    }
}
