package dev.cbagent.sandbox;

import java.time.Clock;

/** Checks a registration's credentials as the management server would, then records the agent. */
final class Registrar {
    private final SandboxConfig config;
    private final Inventory inventory;
    private final FaultSwitches faults;
    private final Clock clock;

    Registrar(SandboxConfig config, Inventory inventory, FaultSwitches faults) {
        this.config = config;
        this.inventory = inventory;
        this.faults = faults;
        this.clock = config.clock();
    }

    RegisteredAgent register(AgentRegistration request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new SandboxRejection(400, "the agent's name is required");
        }
        if (present(request.token())) {
            if (!config.registrationTokens().contains(request.token())) {
                throw new SandboxRejection(401, "the registration token is not valid");
            }
        } else if (present(request.login()) || present(request.password())) {
            if (!config.adminLogin().equals(request.login()) || !config.adminPassword().equals(request.password())) {
                throw new SandboxRejection(401, "invalid login or password");
            }
        } else if (!config.anonymousRegistration()) {
            throw new SandboxRejection(401, "registration needs a token or a login and password");
        }
        String tenant = present(request.tenant()) ? request.tenant() : config.tenantId();
        return inventory.register(request, tenant, clock.instant(), faults.appearAfterMs(), faults.onlineAfterMs(),
                faults.fqdnDomain());
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
