package dev.cbagent.doctor;

import dev.cbagent.api.ProxyRoute;
import dev.cbagent.api.TrustConfig;
import dev.cbagent.api.ProxyPolicy;
import dev.cbagent.error.CbagentException;
import dev.cbagent.plan.ApiTarget;
import dev.cbagent.profile.model.Profile;
import dev.cbagent.profile.model.Verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Which checks a profile calls for, in report order. */
final class CheckList {
    private final DoctorEnvironment environment;
    private final DoctorSettings settings;

    CheckList(DoctorEnvironment environment, DoctorSettings settings) {
        this.environment = environment;
        this.settings = settings;
    }

    List<Check> of(Profile profile) {
        List<Check> checks = new ArrayList<>();
        Optional<ServerTarget> target = ServerTarget.from(profile);
        if (target.isPresent()) {
            checks.addAll(serverChecks(profile, target.get()));
        } else {
            checks.add(new FixedCheck(CheckResult.ok("server", "not checked: the profile names no management server "
                    + "(registration.address or verify.apiUrl)")));
        }
        checks.add(new PrivilegesCheck(environment.platform()));
        String tmpDir = profile.installer().tmpDir();
        Path temp = tmpDir != null ? Path.of(tmpDir) : environment.tempDir();
        checks.add(new DiskSpaceCheck(temp, tmpDir != null ? "installer.tmpDir" : "temporary folder"));
        String platform = profile.platform() != null ? profile.platform() : environment.platform().currentOs();
        String installer = profile.installer().path();
        checks.add(new InstallerCheck(installer, !"windows".equals(platform)));
        checks.add(new InstallationCheck(environment.installations(), platform, installer != null));
        return checks;
    }

    private List<Check> serverChecks(Profile profile, ServerTarget target) {
        List<Check> checks = new ArrayList<>();
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(target.apiHost());
        if (target.registersAgent()) {
            hosts.add(target.agentHost());
        }
        checks.add(new DnsCheck(List.copyOf(hosts)));
        ProxyRoute route;
        try {
            route = proxies(profile.verify()).route(target.apiUrl());
        } catch (CbagentException e) {
            checks.add(new FixedCheck(CheckResult.fail("proxy", e.exitCode(), e.getMessage())));
            route = ProxyRoute.direct("the proxy setting is not usable");
        }
        checks.add(new ProxyCheck(route, settings.timeout()));
        boolean sameGateway = target.registersAgent() && target.agentHost().equalsIgnoreCase(target.apiHost())
                && target.gatewayPort() == target.apiPort();
        checks.add(new PortCheck("api", target.apiHost(), target.apiPort(),
                sameGateway ? "API and api-gateway, from verify.apiUrl and registration.address" : "API, from verify.apiUrl",
                settings.timeout()).through(route));
        if (target.registersAgent() && !sameGateway) {
            checks.add(new PortCheck("api-gateway", target.agentHost(), target.gatewayPort(),
                    "agent key exchange, from registration.address", settings.timeout()));
        }
        if (target.registersAgent() && !profile.isCloud()) {
            checks.add(new PortCheck("zmq", target.agentHost(), settings.zmqPort(),
                    "agent to management server traffic; --zmq-port if the server uses another", settings.timeout()));
        }
        TrustConfig trust = ApiTarget.trustOf(profile.verify());
        if (target.tls()) {
            checks.add(new TlsTrustCheck(target.apiHost(), target.apiPort(), trust, route, settings.timeout()));
            checks.add(new CertificateCheck(target.apiHost(), target.apiPort(), route, settings.timeout(),
                    environment.clock()));
        } else {
            checks.add(new FixedCheck(CheckResult.warn("tls", "not used: verify.apiUrl is plain http, "
                    + "so the API password travels unencrypted")));
        }
        Verify verify = profile.verify();
        if (verify.login() != null && verify.password() != null) {
            checks.add(new CredentialsCheck(target.apiUrl(), verify.login(), verify.password(), trust,
                    proxies(verify), settings.timeout()));
        } else {
            checks.add(new FixedCheck(CheckResult.warn("credentials", "not checked: verify.login and verify.password "
                    + "are not set, so install and register cannot confirm the registration (only with --no-verify)")));
        }
        return checks;
    }

    private ProxyPolicy proxies(Verify verify) {
        return ProxyPolicy.of(verify.proxy(), environment.variables());
    }
}
