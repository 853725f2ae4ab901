package dev.cbagent.fleet;

import dev.cbagent.exec.Runner;
import dev.cbagent.fleet.hosts.Host;

import java.time.Instant;

/** How a fleet run reaches its hosts (over SSH in {@link HostInstall}; a fake in tests). Thread-safe. */
interface HostWork {
    /** The host's own name ({@code hostname} on the host). */
    String askHostname(Host host, Instant deadline) throws HostFailure, InterruptedException;

    /** Where the host's install step runs: its route ({@code ssh+sh}, {@code ssh+powershell}) per its plan. */
    Runner runner(Host host, HostPlan plan);
}
