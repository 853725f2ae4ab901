package dev.cbagent.fleet;

import dev.cbagent.api.Backoff;
import dev.cbagent.platform.identity.AgentIdentity;
import dev.cbagent.verify.Registration;
import dev.cbagent.verify.VerificationOutcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Confirms installed hosts through the API while other hosts are still installing. One thread polls, per
 * management server, all hosts still pending in one batched check ({@code name=or(...)}, paged), so requests grow
 * with the run's duration and hosts per page, not with hosts:
 * <ul>
 *   <li>a host is due as soon as it is added, then after 1 s, 2 s, 4 s ... up to 15 s between its checks;</li>
 *   <li>while hosts are still installing, rounds for one server are at least {@code minGap} apart (a round takes
 *       every pending host along); once the last install ended, a due host is checked at once, so the run does not
 *       wait for a gap;</li>
 *   <li>a host not confirmed by its deadline (added + the target's timeout) expires.</li>
 * </ul>
 *
 * @param <T> what the caller tracks per host
 */
final class Confirmations<T> implements AutoCloseable {
    /**
     * One host to confirm: by its agent's identity when the host reported one, else by name.
     *
     * @param identity null when the host's identity could not be read
     */
    record Probe(String hostname, AgentIdentity identity) {
        /** What a round's outcome is keyed by: the id when there is one (two hosts may share a name). */
        String key() {
            return identity != null ? "id:" + identity.instanceId().toLowerCase(java.util.Locale.ROOT) : "name:" + hostname;
        }
    }

    /** One round for one server: which of the hosts given are confirmed right now (keyed by {@link Probe#key()}). */
    interface Check {
        VerificationOutcome check(Collection<Probe> probes, boolean requireOnline);
    }

    /** Hears the end of each host (called on the confirming thread, never with a lock held). */
    interface Listener<T> {
        void confirmed(T item, Registration registration);

        void expired(T item, String reason);
    }

    /** How often to ask. */
    record Timing(Duration minGap, Duration firstBackoff, Duration maxBackoff) {
        static Timing standard() {
            return new Timing(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(15));
        }

        Backoff backoff() {
            return new Backoff(firstBackoff, maxBackoff);
        }
    }

    private final class Pending {
        final T item;
        final Probe probe;
        final ApiTarget target;
        final long deadline;
        long next;
        Duration backoff = timing.firstBackoff();
        String reason = "not checked yet";

        Pending(T item, Probe probe, ApiTarget target, long now) {
            this.item = item;
            this.probe = probe;
            this.target = target;
            this.deadline = now + target.timeout().toNanos();
            this.next = now;
        }
    }

    private final Function<ApiTarget, Check> checks;
    private final Listener<T> listener;
    private final Timing timing;
    private final Object lock = new Object();
    private final Map<String, List<Pending>> pending = new LinkedHashMap<>();
    private final Map<String, Long> lastRound = new LinkedHashMap<>();
    private final Thread thread;
    private boolean installsFinished;
    private boolean closed;

    Confirmations(Function<ApiTarget, Check> checks, Listener<T> listener, Timing timing) {
        this.checks = checks;
        this.listener = listener;
        this.timing = timing;
        this.thread = new Thread(this::loop, "fleet-confirm");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The host is installed: confirm it within its target's timeout. */
    void add(T item, Probe probe, ApiTarget target) {
        synchronized (lock) {
            pending.computeIfAbsent(target.key(), k -> new ArrayList<>())
                    .add(new Pending(item, probe, target, System.nanoTime()));
            lock.notifyAll();
        }
    }

    /** No more hosts will be added: due hosts are checked without waiting for the gap. */
    void installsFinished() {
        synchronized (lock) {
            installsFinished = true;
            lock.notifyAll();
        }
    }

    /** Waits until every host added is confirmed or expired, or until {@link #close()}. */
    void await() throws InterruptedException {
        thread.join();
    }

    /** Stops checking (a round under way finishes); returns the hosts left unconfirmed. */
    List<T> stop() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            List<T> left = new ArrayList<>();
            pending.values().forEach(list -> list.forEach(p -> left.add(p.item)));
            pending.clear();
            return left;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void loop() {
        while (true) {
            String key;
            List<Pending> round;
            synchronized (lock) {
                key = null;
                while (key == null) {
                    if (closed || (installsFinished && pending.values().stream().allMatch(List::isEmpty))) {
                        return;
                    }
                    long now = System.nanoTime();
                    long wake = Long.MAX_VALUE;
                    for (Map.Entry<String, List<Pending>> e : pending.entrySet()) {
                        long due = dueAt(e.getKey(), e.getValue());
                        if (due <= now) {
                            key = e.getKey();
                            break;
                        }
                        wake = Math.min(wake, due);
                    }
                    if (key == null) {
                        try {
                            if (wake == Long.MAX_VALUE) {
                                lock.wait();
                            } else {
                                long nanos = wake - now;
                                lock.wait(Math.max(1, nanos / 1_000_000), 0);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
                round = new ArrayList<>(pending.get(key));
                lastRound.put(key, System.nanoTime());
            }
            check(key, round);
        }
    }

    /** When the next round for a server is due (Long.MAX_VALUE: nothing pending). Holds the lock. */
    private long dueAt(String key, List<Pending> list) {
        long earliest = Long.MAX_VALUE;
        for (Pending p : list) {
            earliest = Math.min(earliest, p.next);
        }
        if (earliest == Long.MAX_VALUE || installsFinished) {
            return earliest;
        }
        Long last = lastRound.get(key);
        return last == null ? earliest : Math.max(earliest, last + timing.minGap().toNanos());
    }

    private void check(String key, List<Pending> round) {
        ApiTarget target = round.get(0).target;
        Map<String, Registration> found = Map.of();
        Map<String, String> why = Map.of();
        String failure = null;
        try {
            VerificationOutcome outcome = checks.apply(target).check(round.stream().map(p -> p.probe).distinct()
                    .toList(), target.requireOnline());
            found = outcome.confirmed();
            why = outcome.pending();
        } catch (RuntimeException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        List<Runnable> events = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (lock) {
            List<Pending> list = pending.get(key);
            for (Pending p : round) {
                Registration r = found.get(p.probe.key());
                if (r != null) {
                    list.remove(p);
                    events.add(() -> listener.confirmed(p.item, r));
                    continue;
                }
                p.reason = failure != null ? failure : why.getOrDefault(p.probe.key(), "not found");
                if (now - p.deadline >= 0) {
                    list.remove(p);
                    String reason = p.reason;
                    events.add(() -> listener.expired(p.item, reason));
                    continue;
                }
                p.next = Math.min(now + p.backoff.toNanos(), p.deadline);
                p.backoff = timing.backoff().next(p.backoff);
            }
        }
        events.forEach(Runnable::run);
    }
}
