package dev.cbagent.plan;

import dev.cbagent.profile.ProfileValues;
import dev.cbagent.profile.model.Profile;
import dev.cbagent.profile.Suggestions;
import dev.cbagent.profile.rules.Violation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.cbagent.profile.rules.Violation.error;
import static dev.cbagent.profile.rules.Violation.warning;

/**
 * The rules that depend on a platform's dialect: which keys the platform's tools have, component names per
 * edition and platform, languages, the options file.
 */
public final class DialectChecks {
    /** The keys whose allowed values come from the dialect. */
    public static final String LANGUAGE_KEY = "installer.language";
    public static final List<String> COMPONENT_KEYS = List.of("components.add", "components.remove");
    /** Sections whose keys must be options of the platform's tools. */
    private static final List<String> TOOL_SECTIONS = List.of("installer", "components", "installDir", "registration",
            "services", "ports", "proxy", "vcenter", "managementServerDb");
    /** Keys cbagent itself uses, on any platform that has the tool they belong to. */
    private static final Set<String> OWN_INSTALLER_KEYS = Set.of("installer.path", "installer.timeout",
            "installer.dialect", "installer.quiet", "installer.secretsVia");
    private static final Set<String> OWN_REGISTRATION_KEYS = Set.of("registration.mode", "registration.toolPath",
            "registration.identity", "registration.serviceRestart");

    private DialectChecks() {
    }

    public static List<Violation> check(Profile p, Dialect dialect) {
        List<Violation> out = new ArrayList<>();
        out.addAll(unsupportedKeys(p.byKeyPath(), dialect));
        out.addAll(components(p, dialect));
        out.addAll(language(p.installer().language(), dialect));
        if ("options-file".equals(p.installer().secretsVia())
                && dialect.hasInstaller() && dialect.installer().optionsFileFlag() == null) {
            out.add(error("installer.secretsVia", "options-file is not available on " + dialect.platform()
                    + " (its installer has no options file)"));
        }
        return out;
    }

    /** True when {@code validate} refuses the key on the dialect's platform (its tools have no such option). */
    public static boolean refuses(String key, Dialect dialect) {
        return inToolSection(key) && !supportedKeys(dialect).contains(key);
    }

    private static Set<String> supportedKeys(Dialect dialect) {
        Set<String> supported = new HashSet<>();
        for (OptionSpec option : dialect.allOptions()) {
            supported.addAll(OptionRenderer.keys(option.value()));
            supported.addAll(Condition.keys(option.when()));
        }
        if (dialect.hasInstaller()) {
            supported.addAll(OWN_INSTALLER_KEYS);
        }
        supported.addAll(OWN_REGISTRATION_KEYS);
        return supported;
    }

    private static List<Violation> unsupportedKeys(ProfileValues v, Dialect dialect) {
        Set<String> supported = supportedKeys(dialect);
        List<Violation> out = new ArrayList<>();
        for (String key : v.asMap().keySet()) {
            if (!v.isExplicit(key) || supported.contains(key) || !inToolSection(key)) {
                continue;
            }
            String why = key.startsWith("installer.") && !dialect.hasInstaller()
                    ? dialect.platform() + " has no installer (it is deployed from its image)"
                    : "the " + dialect.platform() + " tools have no such option";
            out.add(error(key, "is not supported on " + dialect.platform() + ": " + why));
        }
        return out;
    }

    private static boolean inToolSection(String key) {
        for (String section : TOOL_SECTIONS) {
            if (key.equals(section) || key.startsWith(section + ".")) {
                return true;
            }
        }
        return false;
    }

    private static List<Violation> components(Profile p, Dialect dialect) {
        List<Violation> out = new ArrayList<>();
        Dialect.Components c = dialect.components();
        boolean cloud = p.isCloud();
        List<String> known = new ArrayList<>(c.all());
        known.addAll(c.onPremiseOnly());
        known.addAll(c.groups());
        java.util.Map<String, List<String>> lists = new java.util.LinkedHashMap<>();
        lists.put(COMPONENT_KEYS.get(0), p.components().add());
        lists.put(COMPONENT_KEYS.get(1), p.components().remove());
        for (var entry : lists.entrySet()) {
            String key = entry.getKey();
            if (entry.getValue() == null) {
                continue;
            }
            for (String written : entry.getValue()) {
                String name = c.misprints().getOrDefault(written, written);
                if (!name.equals(written) && !cloud) {
                    out.add(warning(key, "'" + written + "' is how the vendor guide spells it; it probably means '"
                            + name + "' (passed as written)"));
                }
                if (c.onPremiseOnly().contains(name) && cloud) {
                    out.add(error(key, "'" + written + "' is available for the on-premise edition only"));
                } else if (!known.contains(name)) {
                    String hint = Suggestions.closest(name, known).map(s -> " (did you mean '" + s + "'?)")
                            .orElse(known.isEmpty() ? "" : "; known: " + String.join(", ", known));
                    out.add(error(key, "'" + name + "' is not a " + dialect.platform() + " component" + hint));
                }
            }
        }
        List<String> add = p.components().add() == null ? List.of() : p.components().add();
        for (String name : add) {
            String required = c.requires().get(name);
            if (required != null && !add.contains(required)) {
                out.add(error("components.add", "'" + name + "' needs '" + required + "' in the same list"));
            }
        }
        return out;
    }

    private static List<Violation> language(String language, Dialect dialect) {
        return java.util.Optional.ofNullable(language)
                .filter(lang -> dialect.hasInstaller() && !dialect.languages().contains(lang))
                .map(lang -> List.of(error(LANGUAGE_KEY, "'" + lang + "' is not a " + dialect.platform()
                        + " installer language (" + String.join(", ", dialect.languages()) + ")"
                        + Suggestions.didYouMean(lang, dialect.languages()))))
                .orElse(List.of());
    }
}
