package dev.cbagent.sandbox.fake;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for {@code systemctl} that knows exactly one command line, {@code restart acronis_mms} (restarting the
 * agent's service after its identity was reset); anything else is a usage error (exit 1). Each restart appends one
 * line ({@code <ISO instant> restart acronis_mms}) to {@code <root>/var/lib/cbagent-fake/restarts.log} under
 * {@code CBAGENT_AGENT_ROOT} (else {@code CBAGENT_FAKE_ROOT}); without a root nothing is written. The knobs of
 * {@link FakeEnvironment} apply.
 */
public final class FakeServiceRestart {
    static final List<String> ACCEPTED = List.of("restart", "acronis_mms");
    /** Where the restarts are counted, under the agent root. */
    public static final String LOG = "var/lib/cbagent-fake/restarts.log";

    private final FakeEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    public FakeServiceRestart(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = new FakeEnvironment(Map.copyOf(environment));
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new FakeServiceRestart(System.getenv(), System.out, System.err).run(List.of(args)));
    }

    public int run(List<String> args) {
        return new FakeToolRun(environment, out, err).run(FakeTools.SERVICE_RESTART, args, this::restart);
    }

    /** The restarts recorded under this agent root (0 when there is no log). */
    public static long restarts(Path root) throws IOException {
        Path log = root.resolve(LOG);
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).count();
        }
    }

    private void restart(List<String> args) throws UsageError {
        if (!args.equals(ACCEPTED)) {
            throw new UsageError("usage: systemctl restart acronis_mms (this fake knows nothing else), got "
                    + (args.isEmpty() ? "no arguments" : "'" + String.join(" ", args) + "'"));
        }
        if (environment.root().isPresent()) {
            Path log = environment.root().get().resolve(LOG);
            try {
                Files.createDirectories(log.getParent());
                Files.writeString(log, Instant.now() + " restart acronis_mms\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UsageError("cannot record the restart in " + log + ": " + e.getMessage(), e);
            }
        }
        out.println("restarted acronis_mms");
    }
}
