package dev.cbagent.workflow;

import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.verify.ThisMachine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * This machine's {@link Confirmer}: asks at once, so the stage is complete when {@link #confirm} returns (a server
 * that cannot be asked throws from it). The machine to confirm is given by when its steps started (null: nothing ran).
 *
 * @param identity reads the agent identity the machine holds now
 */
record LocalConfirmer(ThisMachine machine, Supplier<LocalAgent> identity, boolean requireOnline, Duration timeout)
        implements Confirmer<Instant> {
    @Override
    public CompletionStage<ThisMachine.After> confirm(Instant stepStarted) {
        return CompletableFuture.completedFuture(machine.confirm(identity, stepStarted, requireOnline, timeout));
    }
}
