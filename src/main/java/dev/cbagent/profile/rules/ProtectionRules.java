package dev.cbagent.profile.rules;

import dev.cbagent.profile.model.Profile;
import dev.cbagent.profile.model.Protection;

import java.util.ArrayList;
import java.util.List;

import static dev.cbagent.profile.rules.Violation.error;

/** The rules of the {@code protection:} section. */
final class ProtectionRules {
    private ProtectionRules() {
    }

    static List<Violation> fields(Profile profile) {
        List<Violation> out = new ArrayList<>();
        Protection p = profile.protection();
        if (p == null) {
            return out;
        }
        boolean group = p.group() != null;
        boolean plan = p.plan() != null;
        if (!group && !plan) {
            out.add(error("protection", "names neither a group nor a plan (set protection.group and/or protection.plan)"));
        }
        if (group && p.group().isBlank()) {
            out.add(error("protection.group", "is empty"));
        }
        if (plan && p.plan().isBlank()) {
            out.add(error("protection.plan", "is empty"));
        }
        if (profile.wrote("protection.createGroup") && !group) {
            out.add(error("protection.createGroup", "needs protection.group (the group to create)"));
        }
        if (p.waitDeployed() != null && !plan) {
            out.add(error("protection.waitDeployed", "needs protection.plan"));
        }
        if (profile.wrote("protection.runNow") && !plan) {
            out.add(error("protection.runNow", "needs protection.plan"));
        }
        if (p.runTimeout() != null && !p.runNow()) {
            out.add(error("protection.runTimeout", "needs protection.runNow: true"));
        }
        return out;
    }

    static List<Violation> needsTheApi(Profile profile) {
        List<Violation> out = new ArrayList<>();
        if (profile.protection() == null) {
            return out;
        }
        if (!profile.installRegisters()) {
            out.add(error("protection", "needs a registration that cbagent can confirm (not registration.mode skip "
                    + "or installer.registerOnly)"));
        }
        if (profile.verify().login() == null) {
            out.add(error("protection", "needs verify.login (an API account; it defaults to registration.login "
                    + "and password)"));
        }
        if (profile.verify().password() == null) {
            out.add(error("protection", "needs verify.password (an API account; it defaults to registration.login "
                    + "and password)"));
        }
        return out;
    }
}
