package dev.cbagent.doctor;

import dev.cbagent.error.ExitCode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The management server's host names resolve to addresses. */
final class DnsCheck implements Check {
    private final List<String> hosts;

    DnsCheck(List<String> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public ExitCode failureCode() {
        return ExitCode.SERVER_UNAVAILABLE;
    }

    @Override
    public CheckResult run() {
        List<String> found = new ArrayList<>();
        for (String host : hosts) {
            if (isLiteral(host)) {
                found.add(host + " (an address, nothing to resolve)");
                continue;
            }
            try {
                String addresses = Arrays.stream(InetAddress.getAllByName(host)).map(InetAddress::getHostAddress)
                        .distinct().limit(4).collect(Collectors.joining(", "));
                found.add(host + " -> " + addresses);
            } catch (UnknownHostException e) {
                return CheckResult.fail(name(), failureCode(), "cannot resolve the management server's host name '"
                        + host + "' (check the name, /etc/hosts or the DNS servers)");
            }
        }
        return CheckResult.ok(name(), String.join("; ", found));
    }

    static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
