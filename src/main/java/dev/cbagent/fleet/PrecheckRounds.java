package dev.cbagent.fleet;

import dev.cbagent.api.MachineResource;
import dev.cbagent.verify.MachineFinder;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fleet's pre-check by id, batched: hosts whose identities arrive within {@code gather} of each other share one
 * {@code id=or(...)} query per server (at most {@value #IDS_PER_QUERY} ids), instead of one
 * {@code GET /resources/{id}} each. An id the batch does not return is asked on its own, so a 404 (maybe a
 * registration the server does not list yet) stays apart from a soft-deleted or foreign record exactly as before.
 * A worker waits at most {@code gather} plus the query for its answer, and not at all when no other host is still
 * connecting (so none can join: {@code --parallel 1}, the last hosts of a run, a host whose neighbours are
 * installing): each host that may ask holds an {@link Arrival} from before it connects until it has asked or will
 * not ask. Hosts of other servers count too, so the wait may last the full {@code gather} in a run over several
 * servers.
 */
final class PrecheckRounds {
    static final int IDS_PER_QUERY = 100;

    private final Duration gather;
    private final Object lock = new Object();
    /** Per server, the batch still taking ids. */
    private final Map<String, Batch> open = new HashMap<>();
    /** Hosts connecting that have not asked yet and may still ask. */
    private int connecting;

    PrecheckRounds(Duration gather) {
        this.gather = gather;
    }

    private static final class Batch {
        final Set<String> ids = new LinkedHashSet<>();
        boolean done;
        Map<String, MachineResource> found = Map.of();
        RuntimeException failure;
    }

    /** A host that may ask soon: held from before it connects until it asked or will not ask (closing is enough). */
    final class Arrival implements AutoCloseable {
        private boolean settled;

        private Arrival() {
        }

        /** Holds the lock. */
        private void settle() {
            if (!settled) {
                settled = true;
                connecting--;
                lock.notifyAll();
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                settle();
            }
        }
    }

    /** A host starts connecting and may ask by id once it has read its identity. */
    Arrival arriving() {
        synchronized (lock) {
            connecting++;
            return new Arrival();
        }
    }

    /** What the server holds under this InstanceID; empty when it does not know it. */
    Optional<MachineResource> byId(Arrival arrival, ApiTarget target, MachineFinder finder, String instanceId)
            throws InterruptedException {
        String id = instanceId.toLowerCase(Locale.ROOT);
        Batch batch;
        boolean leader = false;
        synchronized (lock) {
            arrival.settle();
            batch = open.get(target.key());
            if (batch == null || batch.ids.size() >= IDS_PER_QUERY) {
                batch = new Batch();
                open.put(target.key(), batch);
                leader = true;
            }
            batch.ids.add(id);
        }
        if (leader) {
            send(target, finder, batch);
        }
        synchronized (lock) {
            while (!batch.done) {
                lock.wait();
            }
        }
        if (batch.failure != null) {
            throw batch.failure;
        }
        MachineResource r = batch.found.get(id);
        return r != null ? Optional.of(r) : finder.byId(instanceId);
    }

    /** Waits up to {@code gather} for other hosts to join, less when none is still connecting. Holds the lock. */
    private void awaitOthers(Batch batch) throws InterruptedException {
        long end = System.nanoTime() + gather.toNanos();
        long left;
        while (connecting > 0 && batch.ids.size() < IDS_PER_QUERY && (left = end - System.nanoTime()) > 0) {
            lock.wait(Math.max(1, left / 1_000_000));
        }
    }

    private void send(ApiTarget target, MachineFinder finder, Batch batch) throws InterruptedException {
        Map<String, MachineResource> found = Map.of();
        RuntimeException failure = null;
        try {
            synchronized (lock) {
                awaitOthers(batch);
                open.remove(target.key(), batch);
            }
            found = new HashMap<>(finder.byIds(batch.ids));
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            synchronized (lock) {
                open.remove(target.key(), batch);
                batch.found = found;
                batch.failure = failure;
                batch.done = true;
                lock.notifyAll();
            }
        }
    }
}
