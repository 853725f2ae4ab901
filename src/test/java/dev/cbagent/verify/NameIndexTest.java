package dev.cbagent.verify;

import dev.cbagent.api.MachineResource;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NameIndexTest {
    private static final List<String> NAMES = List.of("web-01", "WEB-01", "web-01.example.ru", "Web-01.Other.Ru",
            "web-01-old", "web-010", "old-web-01", "web-02", "10.0.0.11", "10", "db.example.ru.", "DB", " db ", "",
            "web-01.example.ru");

    private static List<MachineResource> resources() {
        List<MachineResource> list = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            list.add(new MachineResource("id-" + i, MachineResource.MACHINE_TYPE, NAMES.get(i), "agent-" + i, null,
                    null, true));
        }
        return list;
    }

    @ParameterizedTest(name = "host [{0}]")
    @ValueSource(strings = {"web-01", "WEB-01", "web-01.example.ru", "web-01.EXAMPLE.ru.", "web-01.other.ru",
            "web-010", "web-0", "10.0.0.11", "10", "db", "db.example.ru", "DB.other.ru", "nothing", "", " web-02 "})
    void finds_exactly_what_the_pairwise_name_match_finds_in_the_same_order(String host) {
        List<MachineResource> all = resources();
        List<MachineResource> pairwise = all.stream().filter(r -> HostNames.matches(host, r.name())).toList();
        assertEquals(pairwise, NameIndex.of(all).named(host));
    }

    @Test
    void a_short_name_finds_every_fqdn_it_is_the_first_label_of_and_nothing_longer() {
        List<String> found = NameIndex.of(resources()).named("web-01").stream().map(MachineResource::name).toList();
        assertEquals(List.of("web-01", "WEB-01", "web-01.example.ru", "Web-01.Other.Ru", "web-01.example.ru"), found);
    }

    @Test
    void a_resource_without_a_name_is_never_found() {
        MachineResource unnamed = new MachineResource("x", MachineResource.MACHINE_TYPE, null, "a", null, null, true);
        assertTrue(NameIndex.of(List.of(unnamed)).named("x").isEmpty());
    }
}
