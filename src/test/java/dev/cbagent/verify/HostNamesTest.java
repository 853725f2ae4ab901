package dev.cbagent.verify;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostNamesTest {

    @ParameterizedTest(name = "host {0} vs resource {1}: {2}")
    @CsvSource({
            "web-01, web-01, true",
            "web-01, WEB-01, true",
            "WEB-01, web-01, true",
            "web-01, web-01.example.ru, true",
            "web-01, WEB-01.EXAMPLE.RU, true",
            "web-01.example.ru, web-01, true",
            "web-01.example.ru, Web-01.Example.Ru, true",
            "web-01.example.ru., web-01.example.ru, true",
            "web-01, web-01-old, false",
            "web-01, web-010, false",
            "web-01, web-0, false",
            "web-01, old-web-01, false",
            "web-01.example.ru, web-01.other.ru, false",
            "web-01.example.ru, web-02, false",
            "10.0.0.11, 10.0.0.11, true",
            "10.0.0.11, 10, false",
            "10, 10.0.0.11, false",
            "web-01, '', false"})
    void matches_case_insensitively_as_exact_short_or_fqdn_name(String host, String resource, boolean expected) {
        assertEquals(expected, HostNames.matches(host, resource));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "web-01 | web-01,WEB-01",
            "Web-01 | Web-01,web-01,WEB-01",
            "web-01.example.ru | web-01.example.ru,WEB-01.EXAMPLE.RU,web-01,WEB-01",
            "10.0.0.11 | 10.0.0.11"})
    void asks_the_server_for_every_spelling_once(String host, String variants) {
        assertEquals(List.of(variants.split(",")), List.copyOf(HostNames.queryVariants(host)));
    }

    @Test
    void takes_the_first_label_as_short_name() {
        assertEquals("web-01", HostNames.shortName("web-01.example.ru"));
        assertEquals("web-01", HostNames.shortName("web-01"));
        assertEquals("192.168.0.1", HostNames.shortName("192.168.0.1"));
    }
}
