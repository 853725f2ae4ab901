package dev.cbagent.cli;

import dev.cbagent.fleet.UploadMode;
import dev.cbagent.fleet.ssh.HostKeyPolicy;
import dev.cbagent.plan.Action;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The values of options that take one word of a fixed set, for picocli's {@code completionCandidates} (the bash
 * completion script offers them, {@code ${COMPLETION-CANDIDATES}} lists them in help texts). picocli makes them
 * through a no-argument constructor, hence one small subclass per option.
 */
abstract class ChoiceCandidates implements Iterable<String> {
    private final List<String> values;

    ChoiceCandidates(List<String> values) {
        this.values = values;
    }

    @Override
    public Iterator<String> iterator() {
        return values.iterator();
    }

    /** {@code --action} of {@code plan}. */
    static final class Actions extends ChoiceCandidates {
        static final List<String> VALUES = Arrays.stream(Action.values()).map(Action::label).toList();

        Actions() {
            super(VALUES);
        }
    }

    /** {@code --strict-host-key-checking} of the fleet commands. */
    static final class HostKeyChecking extends ChoiceCandidates {
        HostKeyChecking() {
            super(Arrays.stream(HostKeyPolicy.values()).map(HostKeyPolicy::word).toList());
        }
    }

    /** {@code --upload} of {@code fleet run}. */
    static final class Uploads extends ChoiceCandidates {
        Uploads() {
            super(Arrays.stream(UploadMode.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    /** {@code --platform} of the commands that read a profile. */
    static final class Platforms extends ChoiceCandidates {
        Platforms() {
            super(PlatformOption.VALUES);
        }
    }
}
