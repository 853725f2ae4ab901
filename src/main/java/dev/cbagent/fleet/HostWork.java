package dev.cbagent.fleet;

import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.platform.identity.LocalAgent;

import java.time.Instant;

/** What a fleet run does on one host (over SSH in {@link HostInstall}; a fake in tests). Thread-safe. */
interface HostWork {
    /** Hears what happened on the host, for the journal and the progress display, and decides on its identity. */
    interface Listener {
        void uploaded(boolean skipped);

        /** The host's agent identity before anything ran: whether to go on with the install. */
        default Decision proceed(LocalAgent before) {
            return Decision.INSTALL;
        }
    }

    /** What to do on a host once its identity is known. */
    enum Decision {
        INSTALL,
        /** Clear a cloned agent identity and restart the agent service, then install. */
        RESET_AND_INSTALL,
        /** Nothing: the host is registered already, or failed. */
        SKIP
    }

    /**
     * What an install did.
     *
     * @param before         the host's agent identity before the install
     * @param after          after it; null when the install did not run ({@link Listener#proceed} said no)
     * @param exitCode       the installer's exit code; null when it did not run
     * @param rebootRequired the installer succeeded with one of its reboot exit codes (Windows 3010, 1641, 6452541)
     */
    record Outcome(LocalAgent before, LocalAgent after, Integer exitCode, boolean rebootRequired) {
        Outcome(LocalAgent before, LocalAgent after) {
            this(before, after, after == null ? null : 0, false);
        }

        boolean ran() {
            return after != null;
        }
    }

    /** The host's own name ({@code hostname} on the host). */
    String askHostname(Host host, Instant deadline) throws HostFailure, InterruptedException;

    /** Runs the install step; returns normally only when the installer succeeded (0 or a reboot code) or the listener stopped it. */
    Outcome install(Host host, HostPlan plan, Instant deadline, Listener listener) throws HostFailure, InterruptedException;
}
