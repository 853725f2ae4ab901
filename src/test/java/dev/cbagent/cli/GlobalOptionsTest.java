package dev.cbagent.cli;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GlobalOptionsTest {
    private static final Set<String> COMMANDS = Set.of("verify", "fleet", "plan");
    private static final Map<String, Set<String>> NESTED = Map.of("fleet", Set.of("run", "status"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "--debug -o json verify p.yaml | verify --debug -o json p.yaml",
            "verify p.yaml -o json --debug | verify p.yaml -o json --debug",
            "-ojson --output=text plan p.yaml | plan -ojson --output=text p.yaml",
            "-o json fleet status --hosts h | fleet status -o json --hosts h",
            "fleet --debug run --dry-run | fleet run --debug --dry-run",
            "-o json fleet upgrade | fleet -o json upgrade",
            "--debug frobnicate | --debug frobnicate",
            "-o json --version | -o json --version",
            "verify -o | verify -o",
            "--debug -o | --debug -o"})
    void options_before_the_command_move_to_just_after_its_name(String given, String expected) {
        assertEquals(expected, String.join(" ", GlobalOptions.afterCommand(given.split(" "), COMMANDS, NESTED)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "verify p.yaml -o json | true",
            "-ojson verify | true",
            "verify --output=json | true",
            "verify -o=json | true",
            "verify --output json --colour | true",
            "-o json verify -o text | false",
            "verify -o text | false",
            "verify p.yaml | false",
            "verify -- -o json | false",
            "verify -o | false"})
    void json_is_asked_for_by_the_last_output_option_before_a_double_dash(String args, boolean json) {
        assertEquals(json, GlobalOptions.wantsJson(args.split(" ")));
    }
}
