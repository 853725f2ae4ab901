package dev.cbagent.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kills a process and every process it started. The descendants are collected before anything is killed: once a
 * parent dies its children are re-parented and can no longer be found from it.
 */
final class ProcessTreeKiller {
    private static final int ROUNDS = 5;
    private final Duration grace;

    ProcessTreeKiller(Duration grace) {
        this.grace = grace;
    }

    /** Kills {@code root} and its descendants; returns once they are gone or the grace period has passed. */
    void killTree(ProcessHandle root) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        for (int round = 0; round < ROUNDS; round++) {
            tree.forEach(ProcessHandle::destroyForcibly);
            List<ProcessHandle> late = new ArrayList<>();
            for (ProcessHandle handle : tree) {
                handle.descendants().filter(h -> !tree.contains(h)).forEach(late::add);
            }
            if (late.isEmpty()) {
                break;
            }
            tree.addAll(late);
        }
        awaitExit(tree);
    }

    private void awaitExit(Set<ProcessHandle> tree) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // still dying; nothing more to do than wait for the next one
            }
        }
    }
}
