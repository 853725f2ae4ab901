package dev.cbagent.fleet.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SignatureEdDSA;
import com.jcraft.jsch.XDH;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SshAlgorithmsTest {
    private static final HexFormat HEX = HexFormat.of();
    /** JSch's default offer (JSch.java), read before SshAlgorithms changes it. */
    private static final List<String> DEFAULT_KEX = List.of(JSch.getConfig("kex").split(","));

    @BeforeAll
    static void install() {
        SshAlgorithms.install();
    }

    /**
     * JSch's own check, which it would otherwise run before every connection, keeps exactly the key exchanges the
     * process offers now. Kept the JSch default order, and nothing unavailable is offered (with no check left).
     */
    @Test
    void the_offer_is_jschs_default_less_what_its_own_check_refuses() throws Exception {
        assertEquals("", JSch.getConfig("CheckKexes"));
        Method check = Session.class.getDeclaredMethod("checkKex", Session.class, String.class);
        check.setAccessible(true);
        Session session = new JSch().getSession("root", "127.0.0.1", 22);
        List<String> offered = List.of(JSch.getConfig("kex").split(","));
        assertTrue(offered.contains("curve25519-sha256"), offered::toString);
        List<String> checked = List.of("mlkem768x25519-sha256", "curve25519-sha256", "curve25519-sha256@libssh.org");
        for (String kex : checked) {
            boolean available = (boolean) check.invoke(null, session, JSch.getConfig(kex));
            assertEquals(available, offered.contains(kex), kex);
        }
        assertEquals(DEFAULT_KEX.stream().filter(k -> !checked.contains(k) || offered.contains(k)).toList(), offered);
    }

    @Test
    void x25519_is_bouncy_castle_and_both_sides_agree() throws Exception {
        assertEquals("com.jcraft.jsch.bc.XDH", JSch.getConfig("xdh"));
        XDH a = xdh();
        XDH b = xdh();
        byte[] secret = a.getSecret(b.getQ());
        assertEquals(32, secret.length);
        assertArrayEquals(secret, b.getSecret(a.getQ()));
    }

    /** RFC 8032, 7.1, TEST 1: the signature user keys sign with and host keys are checked with. */
    @Test
    void ed25519_is_bouncy_castle_and_signs_and_checks_the_rfc_8032_vector() throws Exception {
        assertEquals("com.jcraft.jsch.bc.SignatureEd25519", JSch.getConfig("ssh-ed25519"));
        byte[] expected = HEX.parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        SignatureEdDSA signer = ed25519();
        signer.setPrvKey(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        signer.update(new byte[0]);
        assertArrayEquals(expected, signer.sign());

        byte[] publicKey = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        SignatureEdDSA verifier = ed25519();
        verifier.setPubKey(publicKey);
        verifier.update(new byte[0]);
        assertTrue(verifier.verify(wire(expected)));
        SignatureEdDSA tampered = ed25519();
        tampered.setPubKey(publicKey);
        tampered.update(new byte[]{1});
        assertFalse(tampered.verify(wire(expected)));
    }

    /** A signature as SSH sends it: string "ssh-ed25519", string signature. */
    private static byte[] wire(byte[] signature) {
        byte[] type = "ssh-ed25519".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return java.nio.ByteBuffer.allocate(8 + type.length + signature.length).putInt(type.length).put(type)
                .putInt(signature.length).put(signature).array();
    }

    private static XDH xdh() throws Exception {
        XDH xdh = Class.forName(JSch.getConfig("xdh")).asSubclass(XDH.class).getDeclaredConstructor().newInstance();
        xdh.init("X25519", 32);
        return xdh;
    }

    private static SignatureEdDSA ed25519() throws Exception {
        SignatureEdDSA s = Class.forName(JSch.getConfig("ssh-ed25519")).asSubclass(SignatureEdDSA.class)
                .getDeclaredConstructor().newInstance();
        s.init();
        return s;
    }
}
