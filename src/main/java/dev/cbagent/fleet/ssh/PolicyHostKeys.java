package dev.cbagent.fleet.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;

import java.util.List;

/**
 * The host key check of one session: asks the shared {@link KnownHostsFile} and applies the {@link HostKeyPolicy}.
 * JSch runs with {@code StrictHostKeyChecking=yes} on top of it, so whatever this refuses fails the connection;
 * {@link #refusal()} then says why in words.
 */
final class PolicyHostKeys implements HostKeyRepository {
    private final KnownHostsFile known;
    private final HostKeyPolicy policy;
    private volatile String refusal;
    private volatile SshException failure;

    PolicyHostKeys(KnownHostsFile known, HostKeyPolicy policy) {
        this.known = known;
        this.policy = policy;
    }

    @Override
    public int check(String host, byte[] key) {
        String what = known.describe(host, key);
        if (known.revoked(host, key)) {
            // as OpenSSH: a revoked key is refused whatever the policy, even "no"
            refusal = "the host key of " + host + " (" + what + ") is marked @revoked in " + known.file()
                    + ": refusing to connect";
            return CHANGED;
        }
        int verdict = known.check(host, key);
        if (verdict == OK || policy == HostKeyPolicy.NO) {
            return OK;
        }
        List<String> others = verdict == NOT_INCLUDED ? known.otherKeyTypes(host, key) : List.of();
        if (!others.isEmpty()) {
            // known_hosts vouches for this host with a key of another type: the key offered now is not that key
            refusal = "the host key of " + host + " has changed: it offered " + what + ", but " + known.file()
                    + " holds a " + String.join(", ", others) + " key for it; the host was reinstalled, or someone is"
                    + " intercepting the connection; check it, then remove the old key (ssh-keygen -R " + host + ")";
            return CHANGED;
        }
        if (verdict == NOT_INCLUDED && policy == HostKeyPolicy.ACCEPT_NEW) {
            try {
                known.accept(host, key);
                return OK;
            } catch (SshException e) {
                failure = e;
                return NOT_INCLUDED;
            }
        }
        if (verdict == CHANGED) {
            refusal = "the host key of " + host + " (" + what + ") does NOT match " + known.file()
                    + ": the host was reinstalled, or someone is intercepting the connection; check it, then remove"
                    + " the old key (ssh-keygen -R " + host + ")";
        } else {
            refusal = "unknown host key of " + host + " (" + what + "): not in " + known.file()
                    + "; add it (ssh-keyscan), or run with --strict-host-key-checking accept-new";
        }
        return verdict;
    }

    /** Why the host key was refused, or null. */
    String refusal() {
        return failure != null ? failure.getMessage() : refusal;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // Keys are only added through check() under accept-new.
    }

    @Override
    public void remove(String host, String type) {
    }

    @Override
    public void remove(String host, String type, byte[] key) {
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return known.file().toString();
    }

    @Override
    public HostKey[] getHostKey() {
        return new HostKey[0];
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return known.hostKeys(host, type);
    }
}
