package dev.cbagent.doctor;

import dev.cbagent.api.ProxyEndpoint;
import dev.cbagent.api.ProxyRoute;
import dev.cbagent.error.ExitCode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Which way API requests go (which proxy, from which setting), and that the proxy accepts connections. */
final class ProxyCheck implements Check {
    private final ProxyRoute route;
    private final Duration timeout;

    ProxyCheck(ProxyRoute route, Duration timeout) {
        this.route = route;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "proxy";
    }

    @Override
    public ExitCode failureCode() {
        return ExitCode.SERVER_UNAVAILABLE;
    }

    @Override
    public CheckResult run() {
        if (route.proxy().isEmpty()) {
            return CheckResult.ok(name(), "API requests go " + route.describe());
        }
        ProxyEndpoint proxy = route.proxy().get();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), (int) timeout.toMillis());
            return CheckResult.ok(name(), "API requests go " + route.describe() + ", which accepts connections");
        } catch (IOException e) {
            return CheckResult.fail(name(), failureCode(), "API requests go " + route.describe()
                    + ", but it cannot be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }
}
