package dev.cbagent.tooling;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ManPageSourceTest {
    private static final String PAGE = String.join("\n",
            ":doctype: manpage",
            "= cbagent-plan(1)",
            "== Synopsis",
            "*cbagent plan* [*-hV*] _PROFILE_",
            "== Description",
            "Every secret is shown as ******.",
            "One line per check:",
            "  ok|warn|FAIL  CHECK: DETAIL",
            "Checks: {version} and ${env:NAME}.",
            "== Options",
            "*--action*=_ACTION_::",
            "  install_or *register*",
            "// end::picocli-generated-full-manpage[]", "");

    @Test
    void description_text_keeps_its_asterisks_and_attribute_references_as_written() {
        String finished = ManPageSource.finish(PAGE, null);

        assertTrue(finished.contains("Every secret is shown as {asterisk}{asterisk}{asterisk}{asterisk}{asterisk}{asterisk}."), finished);
        assertTrue(finished.contains("Checks: \\{version} and ${env:NAME}."), finished);
        assertTrue(finished.contains("  install{cb-underscore}or {asterisk}register{asterisk}"), finished);
    }

    @Test
    void picocli_markup_stays_markup() {
        String finished = ManPageSource.finish(PAGE, null);

        assertTrue(finished.contains("*cbagent plan* [*-hV*] _PROFILE_"), finished);
        assertTrue(finished.contains("\n*--action*=_ACTION_::\n"), finished);
    }

    @Test
    void an_indented_example_line_becomes_a_literal_block_of_its_own() {
        String finished = ManPageSource.finish(PAGE, null);

        assertTrue(finished.contains("One line per check:\n\n  ok|warn|FAIL  CHECK: DETAIL\n\nChecks:"), finished);
    }

    @Test
    void extra_sections_go_before_the_end_of_the_page_and_the_own_attributes_into_its_header() {
        String finished = ManPageSource.finish(PAGE, "== Examples\n\n....\ncbagent plan web.yaml\n....\n");

        assertTrue(finished.indexOf("== Examples") < finished.indexOf("// end::picocli-generated-full-manpage[]"));
        assertTrue(finished.startsWith(":doctype: manpage\n:cb-underscore: _\n:cb-hash: #\n"), finished);
        assertEquals(1, finished.split("== Examples", -1).length - 1);
    }
}
