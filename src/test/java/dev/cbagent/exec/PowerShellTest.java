package dev.cbagent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PowerShellTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "--quiet|'--quiet'",
            "a b|'a b'",
            "it's|'it''s'",
            "$env:PATH; Remove-Item C:\\|'$env:PATH; Remove-Item C:\\'",
            "`n $(whoami)|'`n $(whoami)'",
            "say \"hi\"|'say \"hi\"'",
            "it‘s’|'it‘‘s’’'",
            "‚low‛|'‚‚low‛‛'"})
    void quotes_words_verbatim_with_every_kind_of_single_quote_doubled(String word, String expected) {
        assertEquals(expected, PowerShell.quote(word));
    }

    @Test
    void quotes_the_empty_word() {
        assertEquals("''", PowerShell.quote(""));
    }

    @Test
    void renders_the_program_behind_the_call_operator() {
        List<String> argv = List.of("C:\\Program Files\\Acronis\\RegisterAgentTool\\register_agent.exe",
                "-o", "register", "-a", "https://mgmt:9877", "--token", "O'Brien");

        assertEquals("& 'C:\\Program Files\\Acronis\\RegisterAgentTool\\register_agent.exe' '-o' 'register' '-a' "
                + "'https://mgmt:9877' '--token' 'O''Brien'", PowerShell.render(argv));
    }

    @Test
    void refuses_a_NUL_character_and_an_empty_argv() {
        assertThrows(IllegalArgumentException.class, () -> PowerShell.quote("a\0"));
        assertThrows(IllegalArgumentException.class, () -> PowerShell.render(List.of()));
    }
}
