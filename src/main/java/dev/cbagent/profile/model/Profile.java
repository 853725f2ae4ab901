package dev.cbagent.profile.model;

import dev.cbagent.profile.Location;
import dev.cbagent.profile.ProfileValues;

import java.util.List;

/**
 * A loaded profile, defaults applied, one record per section (DESIGN.md "Profile"). Built once by the loader.
 *
 * @param protection null when the profile has no {@code protection:} section
 * @param keyed      the same values by key path: only for the option dialects, whose data files name key paths
 *                   ({@link #byKeyPath()}), and for locating findings ({@link #at})
 */
public record Profile(String file, String platform, String edition, Installer installer, Components components,
                      String installDir, Registration registration, Services services, Ports ports, Proxy proxy,
                      Vcenter vcenter, ManagementServerDb managementServerDb, Verify verify, Protection protection,
                      ProfileValues keyed) {

    public boolean isCloud() {
        return "cloud".equals(edition);
    }

    /** Whether installing registers the agent too (not {@code registration.mode: skip}, not {@code registerOnly}). */
    public boolean installRegisters() {
        return !registration.skipped() && !installer.registerOnly();
    }

    /** Where a key was written (else its nearest written parent, else the top of the file): for findings. */
    public Location at(String keyPath) {
        return keyed.location(keyPath);
    }

    /** Whether the key was written in the profile (or a base), not filled in by a default. */
    public boolean wrote(String keyPath) {
        return keyed.isExplicit(keyPath);
    }

    /** The key paths of every value, in the order written: for rules that speak of whole sections. */
    public List<String> keyPaths() {
        return List.copyOf(keyed.asMap().keySet());
    }

    /** The values by key path, for the dialect renderer: the one string-keyed reader of a profile. */
    public ProfileValues byKeyPath() {
        return keyed;
    }

    /** Every secret value, for redacting logs and output. */
    public List<String> secretValues() {
        return keyed.secretValues();
    }
}
