package dev.cbagent.doctor;

import dev.cbagent.api.ProxyRoute;
import dev.cbagent.api.Tunnels;
import dev.cbagent.error.ExitCode;
import dev.cbagent.text.Durations;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/** A TCP connection to one port of the management server opens within the timeout. */
final class PortCheck implements Check {
    private final String purpose;
    private final String host;
    private final int port;
    private final String source;
    private final Duration timeout;
    private ProxyRoute route = ProxyRoute.direct("not through a proxy");

    /**
     * @param purpose what the port is for ({@code api}, {@code api-gateway}, {@code zmq})
     * @param source  where the port number comes from, for the user to fix it ({@code verify.apiUrl}, ...)
     */
    PortCheck(String purpose, String host, int port, String source, Duration timeout) {
        this.purpose = purpose;
        this.host = host;
        this.port = port;
        this.source = source;
        this.timeout = timeout;
    }

    /** Reached the way the API client goes: through the proxy's CONNECT when it uses one. */
    PortCheck through(ProxyRoute proxyRoute) {
        this.route = proxyRoute;
        return this;
    }

    @Override
    public String name() {
        return "port " + purpose;
    }

    @Override
    public ExitCode failureCode() {
        return ExitCode.SERVER_UNAVAILABLE;
    }

    @Override
    public CheckResult run() {
        String where = Hosts.hostPort(host, port);
        if (route.proxied()) {
            try (Socket ignored = Tunnels.open(host, port, route, timeout)) {
                return CheckResult.ok(name(), where + " accepts connections " + route.describe() + " (" + source + ")");
            } catch (Tunnels.ProxyUnreachable | Tunnels.ProxyRefused e) {
                return fail(e.getMessage() + " (" + source + ")");
            } catch (IOException e) {
                return fail("cannot connect to " + where + " " + route.describe() + ": " + e.getMessage() + " (" + source + ")");
            }
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return CheckResult.ok(name(), where + " accepts connections (" + source + ")");
        } catch (ConnectException e) {
            return fail(where + " refused the connection: nothing listens on port " + port + " (" + source + ")");
        } catch (NoRouteToHostException e) {
            return fail("no route to " + host + " (" + source + ")");
        } catch (SocketTimeoutException e) {
            return fail("no answer from " + where + " within " + Durations.format(timeout)
                    + ": a firewall drops it or the host is down (" + source + ")");
        } catch (UnknownHostException | IllegalArgumentException e) {
            return fail("cannot resolve '" + host + "' (" + source + ")");
        } catch (IOException e) {
            return fail("cannot connect to " + where + ": " + e.getMessage() + " (" + source + ")");
        }
    }

    private CheckResult fail(String detail) {
        return CheckResult.fail(name(), failureCode(), detail);
    }
}
