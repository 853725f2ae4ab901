package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.api.ApiClient;
import dev.cbagent.api.WaitProgress;
import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.plan.Verification;
import dev.cbagent.platform.identity.LocalAgent;
import dev.cbagent.text.Durations;
import dev.cbagent.verify.Registration;
import dev.cbagent.verify.ThisMachine;
import dev.cbagent.verify.VerifySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Prove through the API that this machine is registered (and online).", "",
                "Polls the management server until the timeout: by the agent's InstanceID when it has one, else by "
                        + "name. Online is required unless verify.requireOnline is false. Changes nothing.", ""},
        footer = {"", "Exit codes: 0 confirmed, 2 bad profile, 5 not confirmed in time, 6 server/TLS/credentials, 8 several live "
                + "machines match and none is provably this one."})
final class VerifyCommand extends ProfileCommand {
    @Option(names = "--hostname", paramLabel = "NAME",
            description = "Machine name on the server (default: verify.hostname, else this machine's name).")
    String hostname;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait (default: verify.timeout, else 10m). 0s checks once.")
    Duration timeout;

    VerifyCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        PrintWriter err = err();
        ProfileCheck.Checked checked = new ProfilePlanning(context).check(profile, null, err);
        Verification verification = context.planner().verification(checked.model());
        String host = hostname != null ? hostname : verification.hostname();
        VerifySettings settings = VerifySettings.from(verification, host);
        if (timeout != null) {
            settings = settings.withTimeout(timeout);
        }
        // no request runs past the verification's own time (plus a moment for the last answer to arrive)
        ApiClient api = context.api(settings.apiConfig())
                .until(Instant.now().plus(settings.timeout()).plus(Duration.ofSeconds(1)));
        // This machine's own identity decides, unless another machine's name was asked for.
        LocalAgent local = hostname != null ? LocalAgent.notInstalled("--hostname")
                : context.identity(checked.model().platform()).read();
        if (local.state() == LocalAgent.State.UNREADABLE) {
            err.printf("warning: cannot read this machine's agent identity from %s (%s); looking %s up by name%n",
                    local.source(), local.problem(), host);
        }
        err.printf("verifying that %s is registered%s at %s (up to %s)%s%n", host,
                settings.requireOnline() ? " and online" : "", settings.apiUrl(), Durations.format(settings.timeout()),
                local.known().map(id -> " by its " + id.describe()).orElse(""));
        err.flush();
        ThisMachine machine = context.thisMachine(api, host, WaitProgress.to(err, context.terminal()));
        ThisMachine.After after = machine.confirm(() -> local, null, settings.requireOnline(), settings.timeout());
        Registration reg = after.registration();
        List<String> duplicates = machine.duplicates(reg == null ? null : reg.resourceId());
        if (!duplicates.isEmpty()) {
            err.printf("warning: other machines named %s are on the server (stale records worth cleaning up): %s%n",
                    host, String.join(", ", duplicates));
        }
        ExitCode exit = after.confirmed() ? ExitCode.OK : after.failure();
        String error = reg != null ? null : !after.conflict().isEmpty() ? after.reason()
                : host + " was not confirmed at " + settings.apiUrl() + " within " + Durations.format(settings.timeout())
                + ": " + after.reason();
        if (output.json()) {
            ObjectNode doc = Envelope.of("verify",
                    reg != null ? "registered" : !after.conflict().isEmpty() ? "conflict" : "not-confirmed", false, exit,
                    error);
            doc.put("hostname", host);
            doc.put("resourceId", reg == null ? null : reg.resourceId());
            doc.put("agentId", reg == null ? null : reg.agentId());
            doc.put("name", reg == null ? null : reg.name());
            if (reg == null) {
                doc.putNull("online");
            } else {
                doc.put("online", reg.online());
            }
            doc.put("foundBy", reg == null ? null : reg.foundBy());
            ArrayNode dups = doc.putArray("duplicates");
            duplicates.forEach(dups::add);
            doc.put("apiUrl", settings.apiUrl().toString());
            doc.put("apiRequests", api.requestCount());
            out().println(Json.write(doc));
        } else if (reg != null) {
            out().printf("%s: registered as '%s' (resource %s, agent %s, %s; found by %s)%n", host, reg.name(),
                    reg.resourceId(), reg.agentId(), reg.online() ? "online" : "offline", reg.foundBy());
        }
        if (error != null) {
            err.println("cbagent: error: " + error);
        }
        out().flush();
        err.flush();
        return exit.code();
    }
}
