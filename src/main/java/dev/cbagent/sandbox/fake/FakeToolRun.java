package dev.cbagent.sandbox.fake;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/** What every fake tool does around its own work: the fault knobs, echoing its argv, turning refusals into exit 1. */
final class FakeToolRun {
    interface Body {
        void run(List<String> args) throws UsageError;
    }

    private final FakeEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;

    FakeToolRun(FakeEnvironment environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    int run(String tool, List<String> args, Body body) {
        try {
            Duration sleep = environment.sleep();
            if (!sleep.isZero()) {
                Thread.sleep(sleep.toMillis());
            }
            if (!environment.output().isEmpty()) {
                err.println(environment.output());
            }
            OptionalInt forced = environment.forcedExit();
            if (forced.isPresent()) {
                return forced.getAsInt();
            }
            // Deliberately unmasked: cbagent must redact it in its own logs.
            out.println(tool + " (fake) received " + args.size() + " arguments:");
            for (int i = 0; i < args.size(); i++) {
                out.println("argv[" + i + "]=" + args.get(i));
            }
            body.run(args);
            return 0;
        } catch (UsageError e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
