package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.api.ApiClient;
import dev.cbagent.error.ExitCode;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.profile.Durations;
import dev.cbagent.verify.Registration;
import dev.cbagent.verify.RegistrationVerifier;
import dev.cbagent.verify.VerificationOutcome;
import dev.cbagent.verify.VerifySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Prove through the management server's API that a machine is registered (and online, unless",
                "verify.requireOnline is false), polling until the timeout. Changes nothing.", ""},
        footer = {"", "Exit codes: 0 confirmed, 2 bad profile, 5 not confirmed in time, 6 server/TLS/credentials."})
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
        String host = hostname != null ? hostname
                : checked.values().string("verify.hostname").orElseGet(() -> context.platform().hostname());
        VerifySettings settings = VerifySettings.from(checked.values(), host);
        if (timeout != null) {
            settings = settings.withTimeout(timeout);
        }
        // no request runs past the verification's own time (plus a moment for the last answer to arrive)
        ApiClient api = new ApiClient(settings.apiConfig())
                .until(java.time.Instant.now().plus(settings.timeout()).plus(java.time.Duration.ofSeconds(1)));
        err.printf("verifying that %s is registered%s at %s (up to %s)%n", host,
                settings.requireOnline() ? " and online" : "", settings.apiUrl(), Durations.format(settings.timeout()));
        err.flush();
        VerificationOutcome outcome = new RegistrationVerifier(api)
                .awaitOutcome(List.of(host), settings.requireOnline(), settings.timeout());
        Registration reg = outcome.confirmed().get(host);
        String error = reg != null ? null : host + " was not confirmed at " + settings.apiUrl() + " within "
                + Durations.format(settings.timeout()) + ": " + outcome.pending().getOrDefault(host, "not found");
        if (output.json()) {
            ObjectNode doc = Json.object();
            doc.put("status", reg != null ? "registered" : "not-confirmed");
            doc.put("hostname", host);
            doc.put("resourceId", reg == null ? null : reg.resourceId());
            doc.put("agentId", reg == null ? null : reg.agentId());
            doc.put("name", reg == null ? null : reg.name());
            if (reg == null) {
                doc.putNull("online");
            } else {
                doc.put("online", reg.online());
            }
            doc.put("apiUrl", settings.apiUrl().toString());
            doc.put("apiRequests", api.requestCount());
            Json.putError(doc, ExitCode.VERIFICATION_FAILED, error);
            out().println(Json.write(doc));
        } else if (reg != null) {
            out().printf("%s: registered as '%s' (resource %s, agent %s, %s)%n", host, reg.name(),
                    reg.resourceId(), reg.agentId(), reg.online() ? "online" : "offline");
        }
        if (error != null) {
            err.println("cbagent: error: " + error);
        }
        out().flush();
        err.flush();
        return reg != null ? ExitCode.OK.code() : ExitCode.VERIFICATION_FAILED.code();
    }
}
