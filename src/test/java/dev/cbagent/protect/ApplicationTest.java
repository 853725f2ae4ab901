package dev.cbagent.protect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading policy applications and answers in the shapes the guide shows. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApplicationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "lower case (2.10.4.4)  | {'context': {'id': 'm1'}, 'deployment': {'state': 'DEPLOYED'}, 'running': {'state': 'IDLE'}, 'status': 'OK'}",
            "upper case (2.9.2)     | {'context': {'id': 'm1'}, 'DEPLOYMENT': {'STATE': 'deployed'}, 'RUNNING': {'STATE': 'idle'}, 'STATUS': 'ok'}",
            "mixed case             | {'context_id': 'm1', 'Deployment': {'State': 'Deployed'}, 'running': {'STATE': 'Idle'}, 'Status': 'Ok'}"})
    void the_deployment_and_running_state_are_read_in_any_case(String shape, String item) throws Exception {
        Application a = Application.from(json(item));
        assertEquals("m1", a.contextId());
        assertTrue(a.isDeployed(), shape);
        assertFalse(a.isRunning(), shape);
        assertTrue(a.isGood(), shape);
    }

    @Test
    void a_run_shows_in_the_running_state_or_the_status() throws Exception {
        assertTrue(Application.from(json("{'RUNNING': {'STATE': 'running'}}")).isRunning());
        assertTrue(Application.from(json("{'STATUS': 'running'}")).isRunning());
    }

    @Test
    void a_plan_has_run_when_a_run_time_is_shown() throws Exception {
        assertFalse(Application.from(json("{'status': 'OK'}")).hasRun());
        assertTrue(Application.from(json("{'last_runtime': '2024-11-29T06:22:51Z'}")).hasRun());
    }

    @Test
    void nested_and_flat_item_lists_are_both_read() throws Exception {
        List<JsonNode> nested = List.of(json("[{'id': 'a'}, {'id': 'b'}]"), json("[{'id': 'c'}]"));
        assertEquals(3, PolicyApplications.flatten(nested).size());
        assertEquals(1, PolicyApplications.flatten(List.of(json("{'id': 'a'}"))).size());
    }

    @Test
    void issues_become_sentences_whatever_their_shape() throws Exception {
        assertEquals(List.of("plain text", "by message", "{\"other\":1}"), PolicyApplications.issues(
                json("{'issues': ['plain text', {'message': 'by message'}, {'other': 1}]}")));
        assertEquals(List.of(), PolicyApplications.issues(json("{}")));
    }
}
