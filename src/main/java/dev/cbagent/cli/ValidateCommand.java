package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.profile.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check profiles against every vendor rule, reporting all findings at once as",
                "FILE:LINE:COLUMN: error|warning: key.path: message. Touches nothing.", ""},
        footer = {"", "Exit code 0 when every profile is valid (warnings allowed), 2 otherwise."})
final class ValidateCommand implements Callable<Integer>, HasOutput {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "PROFILE", arity = "1..*", description = "Profile files (YAML).")
    List<Path> profiles;

    @Mixin
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
        ArrayNode results = output.json() ? Json.MAPPER.createArrayNode() : null;
        for (Path profile : profiles) {
            ProfileCheck.Checked checked = check.check(profile, platform);
            boolean valid = !checked.hasErrors();
            allValid &= valid;
            if (output.json()) {
                ObjectNode node = results.addObject();
                node.put("profile", profile.toString());
                node.put("valid", valid);
                if (checked.values() != null) {
                    node.put("platform", checked.values().stringOr("platform", ""));
                    node.put("edition", checked.values().stringOr("edition", ""));
                }
                node.set("findings", Render.findings(checked.findings()));
            } else {
                checked.findings().stream().map(Finding::format).forEach(err::println);
                if (valid) {
                    out.printf("%s: valid (%s, %s)%n", profile, checked.values().stringOr("platform", ""),
                            checked.values().stringOr("edition", ""));
                }
            }
        }
        if (output.json()) {
            ObjectNode doc = Json.object();
            doc.put("valid", allValid);
            doc.set("profiles", results);
            out.println(Json.write(doc));
        }
        out.flush();
        err.flush();
        return allValid ? ExitCode.OK.code() : ExitCode.INVALID_INPUT.code();
    }
}
