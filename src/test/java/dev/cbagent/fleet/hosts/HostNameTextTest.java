package dev.cbagent.fleet.hosts;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostNameTextTest {
    @ParameterizedTest
    @ValueSource(strings = {"web-01", "WEB-01.example.ru", "db_02", "node-001.", "a"})
    void host_names_and_fqdns_are_accepted(String name) {
        assertTrue(HostNameText.isHostName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "web\u001b[31m-01", "web 01", "-web", "web-", "a..b", "web;rm", "ünïcode",
            "web\u0007", "web\u202e10"})
    void anything_else_is_refused(String name) {
        assertFalse(HostNameText.isHostName(name));
    }

    @Test
    void control_characters_are_shown_as_question_marks_and_long_text_is_cut() {
        assertEquals("web?]0;owned??[2J-01", HostNameText.printable("web\u001b]0;owned\u0007\u001b[2J-01"));
        assertEquals("x".repeat(80) + "...", HostNameText.printable("x".repeat(200)));
        assertEquals("exit ?[1m1", HostNameText.withoutControls("exit \u001b[1m1"));
    }
}
