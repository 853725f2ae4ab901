package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.doctor.CheckResult;
import dev.cbagent.doctor.Doctor;
import dev.cbagent.doctor.DoctorEnvironment;
import dev.cbagent.doctor.DoctorReport;
import dev.cbagent.doctor.DoctorSettings;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.text.Durations;
import dev.cbagent.profile.Finding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Preflight: tell what would fail before anything is changed.", "",
                "One line per check:", "",
                "  ok|warn|FAIL  CHECK: DETAIL", "",
                "Checks: the profile; DNS of the management server; TCP to the API port, api-gateway (9877) and "
                        + "zmq (7780); the TLS handshake and trust; the certificate's subject, issuer, expiry and "
                        + "SPKI pin (sha256//..., ready for verify.pinnedPublicKey); credentials at /idp/token; "
                        + "privileges; free disk space; the installer; an existing installation.", ""},
        footer = {"", "Exit code 0 when nothing FAILs; else the code of the first failure: 2 profile, "
                + "6 server, TLS or credentials, 3 installer or privileges."})
final class DoctorCommand extends ProfileCommand {
    private final Supplier<DoctorEnvironment> environment;

    @Mixin
    PlatformOption platformOption;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3s",
            description = "Per connection attempt and answer (e.g. 3s, 500ms). Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--zmq-port", paramLabel = "PORT", defaultValue = "7780",
            description = "The management server's zmq port the agent connects to. Default: ${DEFAULT-VALUE}.")
    int zmqPort;

    DoctorCommand(CliContext context) {
        this(context, DoctorEnvironment::system);
    }

    DoctorCommand(CliContext context, Supplier<DoctorEnvironment> environment) {
        super(context);
        this.environment = environment;
    }

    @Override
    public Integer call() {
        String platform = platformOption.value();
        DoctorSettings settings = settings();
        PrintWriter out = out();
        PrintWriter err = err();
        ProfileCheck.Checked checked = context.profileCheck().check(profile, platform);
        checked.findings().stream().map(Finding::format).forEach(err::println);
        err.flush();
        DoctorReport report = new Doctor(environment.get(), settings).examine(checked);
        if (output.json()) {
            out.println(Json.write(json(report)));
        } else {
            report.checks().forEach(c -> out.println(c.line()));
        }
        failure(report).ifPresent(line -> err.println("cbagent: error: " + line));
        out.flush();
        err.flush();
        return report.exitCode().code();
    }

    private DoctorSettings settings() {
        Duration perAttempt = Durations.parse(timeout).filter(d -> !d.isZero()).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(),
                        "--timeout: '" + timeout + "' is not a duration like 3s or 500ms"));
        if (zmqPort < 1 || zmqPort > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--zmq-port: " + zmqPort + " is not 1..65535");
        }
        return new DoctorSettings(perAttempt, zmqPort);
    }

    /** The failed checks in one line ({@code port zmq: ... (and 2 more)}); empty when nothing failed. */
    private static Optional<String> failure(DoctorReport report) {
        List<String> failed = report.checks().stream().filter(CheckResult::failed)
                .map(c -> c.name() + ": " + c.detail()).toList();
        return failed.isEmpty() ? Optional.empty() : Optional.of(Envelope.firstOf(failed));
    }

    static ObjectNode json(DoctorReport report) {
        ObjectNode doc = Envelope.of("doctor", report.ok() ? "ok" : "failed", false, report.exitCode(),
                failure(report).orElse(null));
        doc.put("ok", report.ok());
        ArrayNode checks = doc.putArray("checks");
        for (CheckResult result : report.checks()) {
            ObjectNode node = checks.addObject();
            node.put("name", result.name());
            node.put("status", result.status().json());
            node.put("detail", result.detail());
        }
        return doc;
    }
}
