package dev.cbagent.profile;

import dev.cbagent.profile.rules.ProfileRules;
import dev.cbagent.profile.rules.Violation;
import dev.cbagent.profile.model.Profile;
import dev.cbagent.profile.schema.ProfileSchema;
import dev.cbagent.profile.schema.SectionReader;
import dev.cbagent.profile.schema.TreeBinder;
import dev.cbagent.profile.yaml.ExtendsResolver;
import dev.cbagent.profile.yaml.YNode;
import dev.cbagent.profile.yaml.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Profile file -> {@link LoadedProfile}: YAML with locations, {@code extends}, the schema, secret references,
 * defaults and the generic rules. Collects every finding; the caller decides what errors mean.
 */
public final class ProfileLoader {
    private final Map<String, String> environment;
    private final String currentPlatform;

    private final boolean readsSecrets;

    public ProfileLoader(Map<String, String> environment, String currentPlatform) {
        this(environment, currentPlatform, true);
    }

    private ProfileLoader(Map<String, String> environment, String currentPlatform, boolean readsSecrets) {
        this.environment = environment;
        this.currentPlatform = currentPlatform;
        this.readsSecrets = readsSecrets;
    }

    /** A loader that checks secret references as written without reading their variables and files. */
    public ProfileLoader withoutSecrets() {
        return new ProfileLoader(environment, currentPlatform, false);
    }

    /**
     * A loaded profile and what was found in it; {@code values} and {@code model} are null when the file could not
     * be read at all.
     */
    public record LoadedProfile(Path file, ProfileValues values, Profile model, List<Finding> findings) {
        public boolean hasErrors() {
            return findings.stream().anyMatch(Finding::isError);
        }

        public LoadedProfile withFindings(List<Finding> all) {
            return new LoadedProfile(file, values, model, all);
        }
    }

    public LoadedProfile load(Path file, String platformOverride) {
        YNode tree;
        try {
            tree = new ExtendsResolver(new YamlReader()).load(file);
        } catch (ProfileException e) {
            return new LoadedProfile(file, null, null, e.findings());
        }
        Path dir = file.toAbsolutePath().getParent();
        TreeBinder binder = new TreeBinder(readsSecrets ? new SecretResolver(environment, dir)
                : SecretResolver.withoutReading(dir)).bind(tree, ProfileSchema.root());
        List<Finding> findings = new ArrayList<>(binder.findings());
        ProfileValues raw = new ProfileValues(file.toString(), binder.values(), binder.locations(), Set.of());
        findings.addAll(literalSecretFindings(raw, binder.literalSecrets()));
        ProfileValues values = Defaults.apply(raw, platformOverride, currentPlatform);
        Profile profile = SectionReader.read(values);
        for (Violation violation : ProfileRules.check(profile)) {
            findings.add(new Finding(values.location(violation.key()), violation.severity(),
                    violation.key(), violation.message()));
        }
        return new LoadedProfile(file, values, profile, dedupe(findings));
    }

    private List<Finding> literalSecretFindings(ProfileValues values, List<String> literalKeys) {
        List<Finding> out = new ArrayList<>();
        for (String key : literalKeys) {
            Location at = values.location(key);
            if (readableByOthers(Path.of(at.file()))) {
                out.add(Finding.error(at, key, "a secret written in clear text in a file others can read; "
                        + "use ${env:NAME} or ${file:PATH}, or chmod o-r " + at.file()));
            } else {
                out.add(Finding.warning(at, key, "a secret written in clear text; prefer ${env:NAME} or ${file:PATH}"));
            }
        }
        return out;
    }

    private static boolean readableByOthers(Path file) {
        try {
            return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    private static List<Finding> dedupe(List<Finding> findings) {
        Set<String> seen = new HashSet<>();
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (seen.add(f.format())) {
                out.add(f);
            }
        }
        return out;
    }
}
