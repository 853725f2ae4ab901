package dev.cbagent.fleet;

import dev.cbagent.fleet.hosts.Host;
import dev.cbagent.platform.identity.AgentIdentity;

import java.time.Duration;
import java.time.Instant;

/**
 * One host's way through a fleet run. Several threads see it in turn (the installing worker, the confirming
 * thread, the end of the run), so its fields are volatile; only {@link HostResults} makes its result.
 */
final class HostRun {
    final Host host;
    final HostPlan plan;
    final ResumeState.Entry before;
    volatile String hostname;
    private volatile long startNanos;
    private volatile boolean touched;
    volatile boolean installed;
    /** The agent identity the host reported (after the install, else before it); null when none. */
    volatile AgentIdentity identity;
    /** Already installed (journal or its identity says so): confirm, never install again. */
    volatile boolean confirmOnly;
    /** The cloned identity this run told the host to clear; null when there was none. */
    volatile AgentIdentity resetFrom;
    /** The installer ran in this run and asked for a reboot. */
    volatile boolean rebootRequired;
    volatile HostResult result;

    HostRun(Host host, HostPlan plan, ResumeState.Entry before) {
        this.host = host;
        this.plan = plan;
        this.before = before;
        this.hostname = host.hostname() != null ? host.hostname() : before.hostname();
    }

    String label() {
        return host.label();
    }

    long elapsedMs() {
        return touched ? (System.nanoTime() - startNanos) / 1_000_000 : 0;
    }

    /** The host's time starts now, unless it started already. */
    void touch() {
        if (!touched) {
            startNanos = System.nanoTime();
            touched = true;
        }
    }

    /** When the host's SSH work must be over; {@code hostTimeout} null: its installer timeout plus 5 minutes. */
    Instant deadline(Duration hostTimeout) {
        Duration budget = hostTimeout != null ? hostTimeout : plan.step().timeout().plus(Duration.ofMinutes(5));
        return Instant.now().plus(budget);
    }

    /** Installed now or in the earlier run this one resumes, and not confirmed. */
    boolean installedNotConfirmed() {
        return installed || before.phase() == ResumeState.Phase.INSTALLED;
    }
}
