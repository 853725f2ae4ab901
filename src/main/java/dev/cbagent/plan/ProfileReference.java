package dev.cbagent.plan;

import dev.cbagent.profile.Defaults;
import dev.cbagent.profile.schema.KeySpec;
import dev.cbagent.profile.schema.ProfileSchema;
import dev.cbagent.profile.schema.ReferenceWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docs/profile-reference.md}: the profile schema, its defaults and, per platform, the vendor flag each key
 * becomes (from the built-in dialect files). Nothing here is written by hand per key: a key added to the schema
 * or a flag added to a dialect shows up on the next regeneration.
 */
public final class ProfileReference {
    public static final String FILE = "docs/profile-reference.md";
    public static final String REGENERATE = "mvn -B -q test -Dtest=ProfileReferenceTest -Dcbagent.updateReference=true";

    private ProfileReference() {
    }

    public static String markdown() {
        return markdown(ProfileSchema.root(), new DialectLoader());
    }

    static String markdown(KeySpec root, DialectLoader loader) {
        List<Dialect> dialects = new ArrayList<>();
        for (String platform : root.children().get("platform").allowed()) {
            dialects.add(loader.builtIn(platform));
        }
        Map<String, String> defaults = new LinkedHashMap<>(Defaults.documented());
        defaults.put("registration.toolPath", "per platform, below");
        Map<String, String> valueNotes = new LinkedHashMap<>();
        valueNotes.put(DialectChecks.LANGUAGE_KEY, "per platform, below");
        DialectChecks.COMPONENT_KEYS.forEach(k -> valueNotes.put(k, "component names per platform, below"));

        List<ReferenceWriter.Column> columns = new ArrayList<>();
        for (Dialect d : dialects) {
            Map<String, String> cells = new LinkedHashMap<>();
            Map<String, DialectFlags.Usage> usages = DialectFlags.of(d);
            for (String key : leafPaths(root)) {
                DialectFlags.Usage u = usages.get(key);
                if (u != null && !u.flags().isEmpty()) {
                    cells.put(key, String.join("<br>", u.flags()));
                } else if (DialectChecks.refuses(key, d)) {
                    cells.put(key, "refused");
                } else if (u != null) {
                    cells.put(key, "controls " + String.join(", ", u.controls()));
                }
            }
            columns.add(new ReferenceWriter.Column(d.platform(), cells, "—"));
        }

        StringBuilder out = new StringBuilder();
        out.append("<!-- Generated from ProfileSchema, Defaults and src/main/resources/dialects/*.yaml; do not edit.\n")
                .append("     Regenerate: ").append(REGENERATE).append(" -->\n");
        out.append("# Profile reference\n\n");
        out.append("Every key of a profile (`apiVersion: ").append(ProfileSchema.API_VERSION).append("`, `kind: ")
                .append(ProfileSchema.KIND).append("`), by key path. Unknown keys are errors. `cbagent schema` prints ")
                .append("the same keys as a JSON Schema; `cbagent validate` checks the rules between them.\n\n");
        out.append("- **secret**: write `${env:NAME}` or `${file:PATH}`; the value is shown as `******` everywhere ")
                .append("and only reaches the vendor tool's argv (or its options file).\n");
        out.append("- **Platform columns** (").append(String.join(", ", dialects.stream().map(Dialect::platform).toList()))
                .append("): the vendor option the key becomes on that platform, from the built-in dialect file ")
                .append("(`src/main/resources/dialects/<platform>-").append(DialectLoader.PRODUCT_VERSION)
                .append(".yaml`). Plain flags belong to the installer (`install`), `tool:` flags to the registration ")
                .append("tool (`register`, `unregister`); `<value>` is the key's value. `—`: used by cbagent itself, ")
                .append("no vendor option; `refused`: `validate` refuses the key on that platform.\n\n");
        out.append(ReferenceWriter.tables(root, defaults, valueNotes, columns));
        out.append("## Per platform\n\n");
        for (Dialect d : dialects) {
            out.append("### ").append(d.platform()).append("\n\n");
            if (d.hasInstaller() && !d.installer().always().isEmpty()) {
                out.append("- Installer always gets: ").append(code(d.installer().always())).append('\n');
            }
            if (d.hasInstaller() && d.installer().optionsFileFlag() != null) {
                out.append("- Secrets through an options file (`installer.secretsVia: options-file`): `")
                        .append(d.installer().optionsFileFlag()).append("=PATH`\n");
            }
            if (d.hasInstaller() && !d.installer().rebootExitCodes().isEmpty()) {
                out.append("- Installer exit codes meaning \"installed, reboot pending\" (cbagent exit 10): ")
                        .append(String.join(", ", d.installer().rebootExitCodes().stream().map(String::valueOf).toList()))
                        .append('\n');
            }
            if (!d.hasInstaller()) {
                out.append("- No installer (deployed from its image): only `register` and `unregister`.\n");
            }
            if (d.registerTool() != null) {
                out.append("- Registration tool (`registration.toolPath` default): `").append(d.registerTool().path())
                        .append("`\n");
            }
            if (d.hasInstaller() && !d.languages().isEmpty()) {
                out.append("- `").append(DialectChecks.LANGUAGE_KEY).append("`: ").append(code(d.languages())).append('\n');
            }
            Dialect.Components c = d.components();
            if (!c.all().isEmpty()) {
                out.append("- Component names: ")
                        .append(code(c.all())).append('\n');
            }
            if (!c.onPremiseOnly().isEmpty()) {
                out.append("- Components for the on-premise edition only: ").append(code(c.onPremiseOnly())).append('\n');
            }
            if (!c.groups().isEmpty()) {
                out.append("- Component groups: ").append(code(c.groups())).append('\n');
            }
            new java.util.TreeMap<>(c.misprints()).forEach((written, meant) -> out.append("- `").append(written)
                    .append("`: accepted as the vendor guide spells it (probably `").append(meant)
                    .append("`), passed as written, with a warning\n"));
            new java.util.TreeMap<>(c.requires()).forEach((name, needs) -> out.append("- `").append(name).append("` needs `").append(needs)
                    .append("` in the same list\n"));
            out.append('\n');
        }
        return out.toString();
    }

    private static List<String> leafPaths(KeySpec root) {
        return List.copyOf(dev.cbagent.profile.schema.JsonSchemaWriter.leaves(root).keySet());
    }

    private static String code(List<String> items) {
        return String.join(", ", items.stream().map(i -> "`" + i + "`").toList());
    }
}
