package dev.cbagent.fleet.ssh;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KnownHostsEntriesTest {
    private static byte[] blob(String type, String body) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(4 + t.length + b.length).putInt(t.length).put(t).put(b).array();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @ParameterizedTest
    @CsvSource({
            "*, web-01, true",
            "web-0?, web-01, true",
            "web-0?, web-010, false",
            "'*.example.ru,!db.example.ru', app.example.ru, true",
            "'*.example.ru,!db.example.ru', db.example.ru, false",
            "'[127.0.0.2]:2222', [127.0.0.2]:2222, true",
            "127.0.0.*, [127.0.0.2]:2222, false",
            "WEB-01, web-01, true"})
    void host_patterns_match_as_in_openssh(String patterns, String host, boolean expected) {
        assertEquals(expected, KnownHostsEntries.matches(patterns, host));
    }

    @Test
    void a_hashed_name_matches_its_host_only() throws Exception {
        byte[] salt = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        String hashed = "|1|" + b64(salt) + "|" + b64(mac.doFinal("web-01".getBytes(StandardCharsets.UTF_8)));
        assertTrue(KnownHostsEntries.matches(hashed, "web-01"));
        assertFalse(KnownHostsEntries.matches(hashed, "web-02"));
    }

    @Test
    void revoked_lines_refuse_their_key_for_every_host_they_match_and_other_types_are_reported() {
        byte[] ed = blob("ssh-ed25519", "real");
        byte[] ecdsa = blob("ecdsa-sha2-nistp256", "impostor");
        KnownHostsEntries entries = KnownHostsEntries.parse("# comment\n[127.0.0.2]:2222 ssh-ed25519 " + b64(ed) + "\n"
                + "@revoked 10.0.0.* ecdsa-sha2-nistp256 " + b64(ecdsa) + "\n");
        assertTrue(entries.revoked("10.0.0.7", ecdsa));
        assertFalse(entries.revoked("10.0.0.7", ed));
        assertFalse(entries.revoked("192.168.0.1", ecdsa));
        assertEquals(List.of("ssh-ed25519"), entries.keysFor("[127.0.0.2]:2222").stream()
                .map(KnownHostsEntries.Entry::type).toList());
        assertEquals("ecdsa-sha2-nistp256", KnownHostsEntries.typeOf(ecdsa));
    }
}
