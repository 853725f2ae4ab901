package dev.cbagent.plan;

import dev.cbagent.error.CbagentException;
import dev.cbagent.profile.Finding;
import dev.cbagent.profile.ProfileLoader;
import dev.cbagent.profile.ProfileLoader.LoadedProfile;
import dev.cbagent.profile.ProfileValues;
import dev.cbagent.profile.model.Profile;
import dev.cbagent.profile.rules.Violation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads a profile and applies every rule, generic and per dialect: what {@code validate} reports. */
public final class ProfileCheck {
    // A plain comparator, not Comparator.comparing: the JDK's comparator factories make serializable lambdas,
    // which the class-data archive does not hold, so each would be generated at run time on every start.
    private static final java.util.Comparator<Finding> BY_LOCATION = new java.util.Comparator<>() {
        @Override
        public int compare(Finding a, Finding b) {
            int byFile = a.location().file().compareTo(b.location().file());
            if (byFile != 0) {
                return byFile;
            }
            int byLine = Integer.compare(a.location().line(), b.location().line());
            return byLine != 0 ? byLine : Integer.compare(a.location().column(), b.location().column());
        }
    };
    private final ProfileLoader loader;
    private final DialectLoader dialects;

    public ProfileCheck(ProfileLoader loader, DialectLoader dialects) {
        this.loader = loader;
        this.dialects = dialects;
    }

    /** The loaded profile with its findings, and the dialect it was checked against (null if unreadable). */
    public record Checked(LoadedProfile profile, Dialect dialect) {
        public ProfileValues values() {
            return profile.values();
        }

        /** The profile's sections as records. */
        public Profile model() {
            return profile.model();
        }

        public List<Finding> findings() {
            return profile.findings();
        }

        public boolean hasErrors() {
            return profile.hasErrors();
        }
    }

    public Checked check(Path file, String platformOverride) {
        LoadedProfile loaded = loader.load(file, platformOverride);
        if (loaded.model() == null) {
            return new Checked(loaded, null);
        }
        Profile profile = loaded.model();
        List<Finding> findings = new ArrayList<>(loaded.findings());
        Dialect dialect;
        try {
            dialect = dialectFor(profile);
        } catch (CbagentException e) {
            findings.add(Finding.error(profile.at("installer.dialect"), "installer.dialect", e.getMessage()));
            return new Checked(loaded.withFindings(findings), null);
        }
        for (Violation violation : DialectChecks.check(profile, dialect)) {
            findings.add(new Finding(profile.at(violation.key()), violation.severity(), violation.key(),
                    violation.message()));
        }
        findings.sort(BY_LOCATION);
        return new Checked(loaded.withFindings(findings), dialect);
    }

    private Dialect dialectFor(Profile profile) {
        Path own = profile.installer().dialect();
        return own != null ? dialects.fromFile(own) : dialects.builtIn(profile.platform() == null ? "linux" : profile.platform());
    }

}
