package dev.cbagent.fleet.hosts;

import dev.cbagent.profile.Secret;
import dev.cbagent.profile.SecretResolver;
import dev.cbagent.profile.Suggestions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validates a {@link RawHost} into a {@link Host}, reporting each bad value at its line. */
final class HostBuilder {
    static final List<String> PLATFORMS = List.of("linux", "windows", "virtual-appliance");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._:%-]+");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String file;
    private final Path baseDir;
    private final HostDefaults defaults;
    private final SecretResolver secrets;
    private final List<HostListProblem> problems;

    HostBuilder(String file, Path baseDir, HostDefaults defaults, Map<String, String> environment,
                List<HostListProblem> problems) {
        this.file = file;
        this.baseDir = baseDir;
        this.defaults = defaults;
        this.secrets = new SecretResolver(environment, baseDir);
        this.problems = problems;
    }

    /** The host, or empty when a value was wrong (the problem is recorded). */
    Optional<Host> build(RawHost raw) {
        int before = problems.size();
        String address = raw.values.get("address");
        if (address == null || address.isBlank()) {
            problem(raw.line, "the host has no address");
        } else if (!ADDRESS.matcher(address).matches()) {
            problem(raw.lineOf("address"), "'" + address + "' is not a host name or IP address");
        }
        int port = port(raw);
        String user = raw.values.getOrDefault("user", defaults.user());
        if (!USER.matcher(user).matches()) {
            problem(raw.lineOf("user"), "'" + user + "' is not a valid user name");
        }
        String hostname = raw.values.get("hostname");
        if (hostname != null && !HOSTNAME.matcher(hostname).matches()) {
            problem(raw.lineOf("hostname"), "hostname '" + hostname + "' is not a machine name");
        }
        String platform = raw.values.get("platform");
        if (platform != null && !PLATFORMS.contains(platform)) {
            problem(raw.lineOf("platform"), "platform '" + platform + "' is not one of " + String.join(", ", PLATFORMS)
                    + Suggestions.didYouMean(platform, PLATFORMS));
        }
        Path profile = existingFile(raw, "profile");
        Path identity = existingFile(raw, "identityFile");
        Secret password = password(raw);
        boolean sudo = bool(raw, "sudo");
        raw.env.keySet().stream().filter(name -> !ENV_NAME.matcher(name).matches()).forEach(name ->
                problem(raw.lineOf("env"), "env: '" + name + "' is not a variable name"));
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Host(address, port, user, hostname, identity, password, sudo, platform, profile,
                raw.env, raw.line));
    }

    private int port(RawHost raw) {
        String text = raw.values.get("port");
        if (text == null) {
            return defaults.port();
        }
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problem(raw.lineOf("port"), "port must be a number 1-65535, got '" + text + "'");
        return -1;
    }

    private boolean bool(RawHost raw, String key) {
        String text = raw.values.get(key);
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        problem(raw.lineOf(key), key + " must be true or false, got '" + text + "'");
        return false;
    }

    private Path existingFile(RawHost raw, String key) {
        String text = raw.values.get(key);
        if (text == null) {
            return null;
        }
        Path path = resolve(text);
        if (!Files.isRegularFile(path)) {
            problem(raw.lineOf(key), key + ": no such file: " + text);
        }
        return path;
    }

    private Path resolve(String text) {
        if (text.equals("~") || text.startsWith("~/")) {
            return defaults.home().resolve(text.length() < 2 ? "" : text.substring(2));
        }
        Path path = Path.of(text);
        return path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path);
    }

    private Secret password(RawHost raw) {
        String text = raw.values.get("password");
        if (text == null) {
            return null;
        }
        int at = raw.lineOf("password");
        if (!SecretResolver.isReference(text)) {
            problem(at, "password must be a reference (${env:NAME} or ${file:PATH}), never the password itself");
            return null;
        }
        SecretResolver.Resolution resolved = secrets.resolve(text);
        if (resolved.problem() != null) {
            problem(at, "password " + resolved.reference() + ": " + resolved.problem());
            return null;
        }
        return new Secret(resolved.reference(), resolved.value());
    }

    private void problem(int line, String message) {
        problems.add(new HostListProblem(file, line, message));
    }
}
