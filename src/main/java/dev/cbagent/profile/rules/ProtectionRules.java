package dev.cbagent.profile.rules;

import dev.cbagent.profile.ProfileValues;

import java.util.ArrayList;
import java.util.List;

import static dev.cbagent.profile.rules.Violation.error;

/** The rules of the {@code protection:} section. */
final class ProtectionRules {
    private ProtectionRules() {
    }

    static List<Violation> fields(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        if (!v.hasAnyUnder("protection")) {
            return out;
        }
        boolean group = v.has("protection.group");
        boolean plan = v.has("protection.plan");
        if (!group && !plan) {
            out.add(error("protection", "names neither a group nor a plan (set protection.group and/or protection.plan)"));
        }
        for (String key : List.of("protection.group", "protection.plan")) {
            if (v.string(key).filter(String::isBlank).isPresent()) {
                out.add(error(key, "is empty"));
            }
        }
        if (v.has("protection.createGroup") && !group) {
            out.add(error("protection.createGroup", "needs protection.group (the group to create)"));
        }
        for (String key : List.of("protection.waitDeployed", "protection.runNow")) {
            if (v.has(key) && !plan) {
                out.add(error(key, "needs protection.plan"));
            }
        }
        if (v.has("protection.runTimeout") && !v.bool("protection.runNow")) {
            out.add(error("protection.runTimeout", "needs protection.runNow: true"));
        }
        return out;
    }

    static List<Violation> needsTheApi(ProfileValues v) {
        List<Violation> out = new ArrayList<>();
        if (!v.hasAnyUnder("protection")) {
            return out;
        }
        if (v.stringOr("registration.mode", "").equals("skip") || v.bool("installer.registerOnly")) {
            out.add(error("protection", "needs a registration that cbagent can confirm (not registration.mode skip "
                    + "or installer.registerOnly)"));
        }
        for (String key : List.of("verify.login", "verify.password")) {
            if (!v.has(key)) {
                out.add(error("protection", "needs " + key + " (an API account; it defaults to registration.login "
                        + "and password)"));
            }
        }
        return out;
    }
}
