package dev.cbagent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MachineResourceTest {
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest(name = "is_online {0} means online={1}")
    @CsvSource(delimiter = '|', value = {
            "1 | true", "0 | false", "'\"1\"' | true", "'\"0\"' | false", "'\"true\"' | true", "'\"TRUE\"' | true",
            "'\"false\"' | false", "true | true", "null | false", "'[1]' | true", "'\"yes\"' | false", "2 | false"})
    void reads_is_online_from_the_agent_attributes(String value, boolean online) throws Exception {
        String resource = "{\"id\":\"r1\",\"type\":\"resource.machine\",\"name\":\"web-01\",\"attributes\":["
                + "{\"name\":\"default\",\"kvs\":[{\"key\":\"is_online\",\"value\":1}]},"
                + "{\"name\":\"agent\",\"kvs\":[{\"key\":\"version\",\"value\":\"18.5\"},{\"key\":\"is_online\",\"value\":" + value + "}]}]}";
        assertEquals(online, MachineResource.from(json.readTree(resource)).online());
    }

    @Test
    void parses_the_guide_fields() throws Exception {
        MachineResource r = MachineResource.from(json.readTree("{\"id\":\"23ef\",\"type\":\"resource.machine\","
                + "\"name\":\"DESKTOP-JRPTA4A\",\"agent_id\":\"A1\",\"tenant_id\":\"T1\",\"deleted_at\":null}"));
        assertEquals(new MachineResource("23ef", "resource.machine", "DESKTOP-JRPTA4A", "A1", "T1", null, false), r);
        assertTrue(r.isMachine());
        assertTrue(r.hasAgent());
        assertFalse(r.isDeleted());
    }

    @Test
    void treats_a_missing_attribute_list_and_a_blank_agent_as_absent() throws Exception {
        MachineResource r = MachineResource.from(json.readTree("{\"id\":\"1\",\"type\":\"resource.group.computers\","
                + "\"name\":\"web-01\",\"agent_id\":\" \",\"deleted_at\":\"2024-01-01T00:00:00Z\"}"));
        assertFalse(r.online());
        assertFalse(r.hasAgent());
        assertFalse(r.isMachine());
        assertTrue(r.isDeleted());
        assertNull(r.tenantId());
    }
}
