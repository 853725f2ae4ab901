package dev.cbagent.error;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RedactorTest {
    private static final String SECRET = "p@ss w0rd/&=Zq81";

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void masks_the_basic_authorization_header_of_login_and_password() {
        Redactor r = Redactor.basicCredentials("api-admin", SECRET);
        String header = "Authorization: Basic " + b64("api-admin:" + SECRET);
        assertEquals("Authorization: Basic ******", r.redact(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "ab", "other-login", "админ"})
    void masks_the_secret_inside_base64_of_any_surrounding_text(String login) {
        Redactor r = new Redactor(List.of(SECRET));
        String encoded = b64(login + ":" + SECRET + " and more");
        String shown = r.redact("Basic " + encoded);
        assertFalse(shown.contains(encoded), shown);
        assertTrue(shown.contains(Redactor.MASK), shown);
    }

    @Test
    void masks_url_encoded_and_url_safe_base64_forms() {
        Redactor r = new Redactor(List.of(SECRET));
        String form = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        assertEquals("password=******&x=1", r.redact("password=" + form + "&x=1"));
        assertEquals("q=******", r.redact("q=" + form.replace("+", "%20")));
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
        assertEquals("t=******", r.redact("t=" + urlSafe));
    }

    @Test
    void a_secret_in_two_halves_around_a_carriage_return_is_masked() {
        Redactor r = new Redactor(List.of("tok-Zq81xx"));
        String shown = r.redact("token: tok-Z\rq81xx done");
        assertFalse(shown.contains("q81xx"), shown);
        assertEquals("token: ****** done", shown);
        assertEquals("progress 10%\rprogress 20%", r.redact("progress 10%\rprogress 20%"), "plain progress is kept");
    }

    @Test
    void innocent_text_is_left_alone() {
        Redactor r = new Redactor(List.of("pw1"));
        String text = "the weather is fine, cHcx is too short to mask";
        assertEquals(text, r.redact(text));
    }
}
