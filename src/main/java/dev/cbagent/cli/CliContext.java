package dev.cbagent.cli;

import dev.cbagent.plan.DialectLoader;
import dev.cbagent.plan.Planner;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.profile.ProfileLoader;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** What commands need from the outside world, injected so tests can set it. */
public record CliContext(Map<String, String> environment, String currentPlatform, Supplier<String> hostname) {

    public static CliContext system() {
        return new CliContext(System.getenv(), currentPlatformOf(System.getProperty("os.name", "")),
                CliContext::localHostname);
    }

    static String currentPlatformOf(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows") ? "windows" : "linux";
    }

    private static String localHostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    public ProfileCheck profileCheck() {
        return new ProfileCheck(new ProfileLoader(environment, currentPlatform), new DialectLoader());
    }

    public Planner planner() {
        return new Planner(hostname);
    }
}
