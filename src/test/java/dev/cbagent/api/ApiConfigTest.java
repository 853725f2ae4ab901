package dev.cbagent.api;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApiConfigTest {
    private static final String PASSWORD = "s3cr3t-Pa55";

    @Test
    void never_shows_the_password() {
        ApiConfig config = ApiConfig.of(URI.create("https://mgmt:9877"), "admin", PASSWORD);
        assertFalse(config.toString().contains(PASSWORD));
        assertTrue(config.toString().contains("password=******"));
    }

    @Test
    void fills_in_defaults_and_drops_a_trailing_slash() {
        ApiConfig config = new ApiConfig(URI.create("HTTPS://mgmt:9877/"), "admin", PASSWORD, null, null, null);
        assertEquals(URI.create("https://mgmt:9877"), config.baseUrl());
        assertEquals(ApiConfig.DEFAULT_CONNECT_TIMEOUT, config.connectTimeout());
        assertEquals(TrustConfig.systemDefault(), config.trust());
    }

    @Test
    void refuses_credentials_in_the_url_without_echoing_them() {
        CbagentException e = assertThrows(CbagentException.class,
                () -> ApiConfig.of(URI.create("https://admin:" + PASSWORD + "@mgmt:9877"), "admin", PASSWORD));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://mgmt", "mgmt:9877", "/relative"})
    void refuses_urls_that_are_not_http(String url) {
        assertEquals(ExitCode.INVALID_INPUT,
                assertThrows(CbagentException.class, () -> ApiConfig.of(URI.create(url), "a", "b")).exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256/abc", "md5//AAAA", "sha256//not base64!", "sha256//AAAA"})
    void refuses_malformed_pins(String pin) {
        assertThrows(IllegalArgumentException.class, () -> TrustConfig.pinnedPublicKey(pin));
    }

    @Test
    void accepts_several_pins_separated_by_semicolons() {
        String pin = "sha256//" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        TrustConfig trust = TrustConfig.pinnedPublicKey(pin + " ; " + pin.replace('A', 'B'));
        assertEquals(2, ((TrustConfig.PinnedPublicKey) trust).pins().size());
        assertFalse(trust.verifiesHostname());
    }
}
