package dev.cbagent.plan;

import dev.cbagent.profile.Defaults;
import dev.cbagent.profile.schema.JsonSchemaWriter;
import dev.cbagent.profile.schema.KeySpec;
import dev.cbagent.profile.schema.ProfileSchema;
import dev.cbagent.profile.schema.ValueType;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** docs/profile-reference.md is generated; this test fails when the committed file drifts from the generator. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProfileReferenceTest {
    private static final Path FILE = Path.of(System.getProperty("basedir", ".")).resolve(ProfileReference.FILE);

    @Test
    void the_committed_reference_is_what_the_generator_writes() throws IOException {
        String generated = ProfileReference.markdown();
        if (Boolean.getBoolean("cbagent.updateReference")) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, generated);
        }
        String committed = Files.exists(FILE) ? Files.readString(FILE).replace("\r\n", "\n") : "";
        if (!generated.equals(committed)) {
            fail(ProfileReference.FILE + " is out of date (or missing): " + firstDifference(generated, committed)
                    + "\nRegenerate it, review the diff and commit it:\n  " + ProfileReference.REGENERATE + "\n");
        }
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String want = i < e.length ? e[i] : "(end of file)";
            String got = i < a.length ? a[i] : "(end of file)";
            if (!want.equals(got)) {
                return "line " + (i + 1) + "\n  generated: " + want + "\n  committed: " + got;
            }
        }
        return "no line differs";
    }

    @Test
    void every_key_of_the_schema_has_a_row_with_its_type() {
        String md = ProfileReference.markdown();
        JsonSchemaWriter.leaves(ProfileSchema.root()).forEach((key, spec) ->
                assertTrue(md.contains("| `" + key + "` | "), () -> "no row for " + key));
        assertTrue(md.contains("| `registration.token` | secret |"), md);
        assertTrue(md.contains("| `ports.zmq` | integer | 1–65535 |"), md);
    }

    @Test
    void rows_name_the_vendor_flag_per_platform_and_mark_secrets() {
        String md = ProfileReference.markdown();
        assertTrue(md.contains("| `registration.address` | string |  |  |  | `--reg-address=<value>`<br>tool: `-a <value>` "
                + "| `--rain=<value>`<br>tool: `-a <value>` | tool: `-a <value>` |"), md);
        assertTrue(md.contains("`--management-server-db-auth=<value>:<managementServerDb.password>`"), md);
        assertTrue(md.contains("`--http-proxy-host=<host>`<br>`--http-proxy-port=<port>`"), md);
        assertTrue(md.contains("`--skip-registration` (when `skip`)"), md);
        assertTrue(md.contains("| `installDir` | string |  |  |  | `--installdir=<value>` | refused | refused |"), md);
        assertTrue(md.contains("| `registration.password` | secret | `${env:NAME}`, `${file:PATH}` (clear text: a warning) |  | yes |"), md);
    }

    @Test
    void defaults_come_from_Defaults_and_name_keys_of_the_schema() {
        Map<String, KeySpec> leaves = JsonSchemaWriter.leaves(ProfileSchema.root());
        Defaults.documented().keySet().forEach(key -> assertTrue(leaves.containsKey(key), () -> key + " is not a key"));
        String md = ProfileReference.markdown();
        assertTrue(md.contains("| `installer.timeout` | duration | like `90s`, `10m`, `1h` | `30m` |"), md);
        assertTrue(md.contains("| `edition` | enum | `on-premise`, `cloud` | `on-premise` |"), md);
    }

    @Test
    void a_section_added_to_the_schema_appears_without_touching_the_generator() {
        List<KeySpec> sections = new ArrayList<>(ProfileSchema.root().children().values());
        sections.add(KeySpec.object("protection", "After the registration: a group and a protection plan",
                KeySpec.of("group", ValueType.STRING, "Static group"),
                KeySpec.of("waitDeployed", ValueType.DURATION, "How long to wait")));
        KeySpec root = KeySpec.object("", "", sections.toArray(KeySpec[]::new));
        String md = ProfileReference.markdown(root, new DialectLoader());
        assertTrue(md.contains("## `protection`\n\nAfter the registration: a group and a protection plan.\n"), md);
        assertTrue(md.contains("| `protection.waitDeployed` | duration | like `90s`, `10m`, `1h` |  |  | — | — | — | How long to wait |"), md);
    }
}
