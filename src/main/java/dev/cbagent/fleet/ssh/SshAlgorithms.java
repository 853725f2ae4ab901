package dev.cbagent.fleet.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Which implementations JSch uses for the algorithms it offers, set once for the process; the algorithms offered
 * and their order stay JSch's. Each host connection costs the controller one X25519 key exchange and two Ed25519
 * operations (checking the host key's signature, signing with the user's key). Bouncy Castle, which this jar ships
 * anyway, does them several times faster than the JDK's own code, which matters most while that code is not
 * compiled yet: the first {@code --parallel} connections of a run all start at once.
 * <p>
 * Before every connection JSch also tries out each offered key exchange that may need an optional library, making a
 * key pair for each: three wasted key pairs a host (ML-KEM and X25519 ones). The outcome depends only on this
 * process's classes, so JSch's check (package-private, hence reflection) runs once here instead, and the key
 * exchanges it refuses (ML-KEM needs a newer Bouncy Castle than the jar has) are left out of the offer, as JSch
 * would leave them out. With a JSch that lacks that check, nothing changes but the implementations.
 */
final class SshAlgorithms {
    private static final Map<String, String> IMPLEMENTATIONS = Map.of(
            "xdh", "com.jcraft.jsch.bc.XDH",
            "ssh-ed25519", "com.jcraft.jsch.bc.SignatureEd25519",
            "ssh-ed448", "com.jcraft.jsch.bc.SignatureEd448");
    private static boolean installed;

    private SshAlgorithms() {
    }

    /** JSch's configuration is process-wide (user keys sign with it); the first call sets it, later ones do nothing. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        IMPLEMENTATIONS.forEach(JSch::setConfig);
        installed = true;
        Method check;
        Session probe;
        try {
            check = Session.class.getDeclaredMethod("checkKex", Session.class, String.class);
            check.setAccessible(true);
            probe = new JSch().getSession("probe", "127.0.0.1", 22); // never connected
        } catch (ReflectiveOperationException | RuntimeException | JSchException e) {
            return; // another JSch: it keeps checking before every connection
        }
        List<String> checked = List.of(JSch.getConfig("CheckKexes").split(","));
        StringJoiner offered = new StringJoiner(",");
        for (String kex : JSch.getConfig("kex").split(",")) {
            if (!checked.contains(kex) || available(check, probe, kex)) {
                offered.add(kex);
            }
        }
        JSch.setConfig("kex", offered.toString());
        JSch.setConfig("CheckKexes", "");
    }

    private static boolean available(Method check, Session probe, String kex) {
        try {
            return (boolean) check.invoke(null, probe, JSch.getConfig(kex));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
