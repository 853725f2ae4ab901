package dev.cbagent.fleet;

import dev.cbagent.fleet.hosts.Host;

import java.time.Instant;

/** What a fleet run does on one host (over SSH in {@link HostInstall}; a fake in tests). Thread-safe. */
interface HostWork {
    /** Hears what happened on the host, for the journal and the progress display. */
    interface Listener {
        void uploaded(boolean skipped);
    }

    /** The host's own name ({@code hostname} on the host). */
    String askHostname(Host host, Instant deadline) throws HostFailure, InterruptedException;

    /** Runs the install step; returns normally only when the installer exited 0. */
    void install(Host host, HostPlan plan, Instant deadline, Listener listener) throws HostFailure, InterruptedException;
}
