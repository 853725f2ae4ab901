package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.exec.PosixShell;
import dev.cbagent.exec.WindowsCommandLine;
import dev.cbagent.plan.Arg;
import dev.cbagent.plan.Plan;
import dev.cbagent.plan.Step;
import dev.cbagent.text.Durations;

import java.io.PrintWriter;
import java.util.List;

/** Text and JSON renderings of findings and plans; every secret is already masked in what it is given. */
final class Render {
    private Render() {
    }

    static ObjectNode plan(Plan plan) {
        ObjectNode node = Json.object();
        node.put("profile", plan.profile());
        node.put("platform", plan.platform());
        node.put("edition", plan.edition());
        node.put("action", plan.action().label());
        ArrayNode steps = node.putArray("steps");
        for (Step step : plan.steps()) {
            ObjectNode s = steps.addObject();
            s.put("name", step.name());
            ArrayNode argv = s.putArray("argv");
            step.argv().display().forEach(argv::add);
            if (!step.optionsFile().isEmpty()) {
                argv.add(step.optionsFileFlag() + "=<0600 temporary file>");
                ArrayNode lines = s.putArray("optionsFile");
                step.optionsFile().forEach(a -> lines.add(a.display()));
            }
            s.put("commandLine", commandLine(plan.platform(), step));
            s.put("timeout", Durations.format(step.timeout()));
        }
        if (plan.verify() == null) {
            node.putNull("verify");
        } else {
            ObjectNode v = node.putObject("verify");
            v.put("apiUrl", plan.verify().apiUrl());
            v.put("hostname", plan.verify().hostname());
        }
        node.set("protection", ProtectionRender.plan(plan));
        if (plan.verify() != null) {
            ObjectNode identity = node.putObject("identity");
            identity.put("onClone", plan.identity().reset() ? "reset" : "refuse");
            ArrayNode restart = identity.putArray("serviceRestart");
            plan.identity().restart().forEach(step -> {
                ArrayNode argv = restart.addArray();
                step.argv().display().forEach(argv::add);
            });
        }
        return node;
    }

    /** The masked argv as one line for the target's shell: CommandLineToArgvW rules on Windows, POSIX sh elsewhere. */
    static String commandLine(String platform, Step step) {
        List<String> argv = new java.util.ArrayList<>(step.argv().display());
        if (!step.optionsFile().isEmpty()) {
            argv.add(step.optionsFileFlag() + "=<0600 temporary file>");
        }
        return "windows".equals(platform) ? WindowsCommandLine.render(argv) : PosixShell.render(argv);
    }

    static void planText(Plan plan, PrintWriter out) {
        out.printf("%s: %s on %s (%s)%n", plan.profile(), plan.action().label(), plan.platform(), plan.edition());
        int n = 1;
        for (Step step : plan.steps()) {
            // Concatenated, not printf("%d"): a number format loads the locale providers (~10 ms at start-up).
            out.println("step " + n++ + ": " + step.name() + " (timeout " + Durations.format(step.timeout()) + ")");
            List<Arg> args = step.argv().args();
            for (int i = 0; i < args.size(); i++) {
                String line = args.get(i).display();
                boolean flagWithSeparateValue = i > 0 && line.startsWith("-") && !line.contains("=")
                        && i + 1 < args.size() && !args.get(i + 1).display().startsWith("-");
                if (flagWithSeparateValue) {
                    line += " " + args.get(++i).display();
                }
                out.println("  " + line);
            }
            if (!step.optionsFile().isEmpty()) {
                out.println("  " + step.optionsFileFlag() + "=<0600 temporary file, deleted afterwards>:");
                step.optionsFile().forEach(a -> out.println("    " + a.display()));
            }
        }
        if (plan.verify() != null) {
            out.printf("verify: %s is registered at %s (by its agent's InstanceID)%n", plan.verify().hostname(),
                    plan.verify().apiUrl());
            out.println(plan.identity().reset()
                    ? "identity: another machine's agent identity (a clone) is cleared, the agent service restarted ("
                    + String.join("; ", plan.identity().restart().stream().map(s -> String.join(" ", s.argv().display()))
                    .toList()) + "), and the machine registered as new"
                    : "identity: another machine's agent identity (a clone) is refused (exit 8)");
        }
        ProtectionRender.planText(plan, out);
    }
}
