package dev.cbagent.fleet;

import dev.cbagent.verify.ThisMachine;
import dev.cbagent.workflow.Confirmer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fleet's {@link Confirmer}: each host handed over joins the shared batched rounds of {@link Confirmations}; its
 * stage completes on the confirming thread when a round finds it, or when its target's timeout passes.
 */
final class RoundConfirmer implements Confirmer<HostRun>, AutoCloseable {
    private final Map<HostRun, CompletableFuture<ThisMachine.After>> waiting = new ConcurrentHashMap<>();
    private final Confirmations<HostRun> confirmations;

    RoundConfirmer(ConfirmationRounds rounds, Confirmations.Timing timing) {
        this.confirmations = new Confirmations<>(target -> (probes, online) -> rounds.check(target, probes, online),
                new Confirmations.Listener<>() {
                    @Override
                    public void confirmed(HostRun w, dev.cbagent.verify.Registration r) {
                        complete(w, new ThisMachine.After(r, null, List.of(), null));
                    }

                    @Override
                    public void expired(HostRun w, String reason) {
                        complete(w, new ThisMachine.After(null, reason, List.of(), null));
                    }
                }, timing);
    }

    /** Confirms the host by the identity it reported, else by its name. */
    @Override
    public CompletionStage<ThisMachine.After> confirm(HostRun w) {
        CompletableFuture<ThisMachine.After> answer = new CompletableFuture<>();
        waiting.put(w, answer);
        confirmations.add(w, new Confirmations.Probe(w.hostname, w.identity), w.plan.api());
        return answer;
    }

    private void complete(HostRun w, ThisMachine.After after) {
        CompletableFuture<ThisMachine.After> answer = waiting.remove(w);
        if (answer != null) {
            answer.complete(after);
        }
    }

    /** No more hosts will be handed over. */
    void installsFinished() {
        confirmations.installsFinished();
    }

    /** Waits until every host handed over has its answer, or until {@link #close()}. */
    void await() throws InterruptedException {
        confirmations.await();
    }

    /** Stops asking; returns the hosts still without an answer (their stages never complete). */
    List<HostRun> stop() {
        List<HostRun> left = confirmations.stop();
        left.forEach(waiting::remove);
        return left;
    }

    @Override
    public void close() {
        stop();
    }
}
