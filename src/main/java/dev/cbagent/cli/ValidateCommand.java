package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.profile.Finding;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cbagent validate}; its model (options, help): {@link CommandSpecs#validate}. */
final class ValidateCommand implements Callable<Integer>, HasOutput {
    private final CliContext context;

    CommandSpec spec;

    OutputOptions output;

    List<Path> profiles;

    PlatformOption platformOption;

    ValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public OutputOptions outputOptions() {
        return output;
    }

    @Override
    public Integer call() {
        String platform = platformOption.value();
        ProfileCheck check = context.profileCheck();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allValid = true;
        ArrayNode results = output.json() ? Json.array() : null;
        List<Finding> all = new java.util.ArrayList<>();
        for (Path profile : profiles) {
            ProfileCheck.Checked checked = check.check(profile, platform);
            boolean valid = !checked.hasErrors();
            allValid &= valid;
            all.addAll(checked.findings());
            checked.findings().stream().map(Finding::format).forEach(err::println);
            if (output.json()) {
                ObjectNode node = results.addObject();
                node.put("profile", profile.toString());
                node.put("valid", valid);
                if (checked.model() != null) {
                    node.put("platform", checked.model().platform());
                    node.put("edition", checked.model().edition());
                }
                node.set("findings", Envelope.findings(checked.findings()));
            } else if (valid) {
                out.printf("%s: valid (%s, %s)%n", profile, checked.model().platform(),
                        checked.model().edition());
            }
        }
        if (output.json()) {
            ExitCode exit = allValid ? ExitCode.OK : ExitCode.INVALID_INPUT;
            ObjectNode doc = Envelope.of("validate", allValid ? "valid" : "invalid", false, exit, allValid ? null
                    : Envelope.error(Envelope.INVALID_PROFILE, Envelope.firstOf(all.stream().filter(Finding::isError)
                    .map(Finding::format).toList()), Envelope.findings(all)));
            doc.put("valid", allValid);
            doc.set("profiles", results);
            out.println(Json.write(doc));
        }
        out.flush();
        err.flush();
        return allValid ? ExitCode.OK.code() : ExitCode.INVALID_INPUT.code();
    }
}
