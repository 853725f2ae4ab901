package dev.cbagent.sandbox.fake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Linux installer's command line, parsed as strictly as cbagent's Linux dialect (DESIGN.md "Option dialects") allows: {@code --name=value}
 * options and bare switches only, each at most once; {@code --options-file=PATH} adds lines of the same form from an
 * owner-only file.
 */
final class LinuxInstallerOptions {
    static final Set<String> VALUE_OPTIONS = Set.of("--id", "--rain", "--token", "--login", "--password", "--unit",
            "--reg-transport", "--reg-transport-pinned-public-key", "--language", "--http-proxy-host",
            "--http-proxy-port", "--http-proxy-login", "--http-proxy-password", "--tmp-dir", "--options-file");
    static final Set<String> SWITCHES = Set.of("--auto", "--skip-registration", "--strict", "--nodeps", "--debug",
            "--skip-prereq-check");
    static final Set<String> COMPONENTS = Set.of("BackupAndRecoveryAgent", "AgentForPCS", "OracleAgentFeature",
            "MySQLAgentFeature");
    static final Set<String> LANGUAGES = Set.of("en", "bg", "cs", "da", "de", "es", "fr", "ko", "id", "it", "hu", "ms",
            "nl", "ja", "nb", "pl", "pt", "pt_BR", "ru", "fi", "sr", "sv", "tr", "zh", "zh_TW");
    static final Set<String> TRANSPORTS = Set.of("https", "https-ca-system", "https-ca-bundle", "https-pinned-public-key");
    private static final Set<String> REGISTRATION_OPTIONS = Set.of("--token", "--login", "--password", "--unit",
            "--reg-transport", "--reg-transport-pinned-public-key");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> switches = new LinkedHashSet<>();
    private final List<String> fromFile = new ArrayList<>();

    private LinuxInstallerOptions() {
    }

    static LinuxInstallerOptions parse(List<String> args) throws UsageError {
        LinuxInstallerOptions options = new LinuxInstallerOptions();
        for (String arg : args) {
            options.add(arg, false);
        }
        String optionsFile = options.values.get("--options-file");
        if (optionsFile != null) {
            for (String line : readOptionsFile(Path.of(optionsFile))) {
                options.fromFile.add(line);
                options.add(line, true);
            }
        }
        options.validate();
        return options;
    }

    private void add(String arg, boolean inOptionsFile) throws UsageError {
        String where = inOptionsFile ? " (in the options file)" : "";
        if (!arg.startsWith("--")) {
            throw new UsageError("unexpected argument '" + arg + "'" + where + "; options look like --name=value");
        }
        int equals = arg.indexOf('=');
        String name = equals < 0 ? arg : arg.substring(0, equals);
        if (SWITCHES.contains(name)) {
            if (equals >= 0) {
                throw new UsageError(name + " takes no value" + where);
            }
            if (!switches.add(name)) {
                throw new UsageError(name + " is given twice" + where);
            }
            return;
        }
        if (!VALUE_OPTIONS.contains(name)) {
            throw new UsageError("unknown option " + name + where);
        }
        if (equals < 0) {
            throw new UsageError(name + " needs a value: " + name + "=VALUE" + where);
        }
        String value = arg.substring(equals + 1);
        if (value.isEmpty()) {
            throw new UsageError(name + " needs a non-empty value" + where);
        }
        if (inOptionsFile && name.equals("--options-file")) {
            throw new UsageError("an options file cannot name another options file");
        }
        if (values.putIfAbsent(name, value) != null) {
            throw new UsageError(name + " is given twice" + where);
        }
    }

    private static List<String> readOptionsFile(Path file) throws UsageError {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!mode.equals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
                throw new UsageError("refusing the options file " + file + ": its mode must be 0600 (rw-------), it is "
                        + PosixFilePermissions.toString(mode));
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isEmpty()) {
                    throw new UsageError("line " + (i + 1) + " of the options file " + file + " is empty");
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UsageError("cannot read the options file " + file + ": " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new UsageError("cannot check the mode of the options file " + file + " on this file system", e);
        }
    }

    private void validate() throws UsageError {
        if (has("--token") && (has("--login") || has("--password"))) {
            throw new UsageError("--token cannot be combined with --login/--password");
        }
        if (has("--login") != has("--password")) {
            throw new UsageError("--login and --password go together");
        }
        for (String option : REGISTRATION_OPTIONS) {
            if (has(option) && !has("--rain")) {
                throw new UsageError(option + " needs --rain=<management server address>");
            }
        }
        if (switches.contains("--skip-registration") && has("--rain")) {
            throw new UsageError("--skip-registration cannot be combined with --rain");
        }
        validateComponents();
        validateChoice("--language", LANGUAGES);
        validateChoice("--reg-transport", TRANSPORTS);
        if (has("--reg-transport-pinned-public-key") && has("--reg-transport")
                && !values.get("--reg-transport").equals("https-pinned-public-key")) {
            throw new UsageError("--reg-transport-pinned-public-key needs --reg-transport=https-pinned-public-key");
        }
        validateProxy();
    }

    private void validateComponents() throws UsageError {
        if (!has("--id")) {
            return;
        }
        List<String> ids = List.of(values.get("--id").split(",", -1));
        for (String id : ids) {
            if (!COMPONENTS.contains(id)) {
                throw new UsageError("unknown component '" + id + "' in --id; known: " + COMPONENTS);
            }
        }
        if (!ids.contains("BackupAndRecoveryAgent")) {
            throw new UsageError("--id: " + ids + " need BackupAndRecoveryAgent");
        }
    }

    private void validateChoice(String option, Set<String> allowed) throws UsageError {
        if (has(option) && !allowed.contains(values.get(option))) {
            throw new UsageError(option + "=" + values.get(option) + " is not one of " + allowed);
        }
    }

    private void validateProxy() throws UsageError {
        for (String option : List.of("--http-proxy-port", "--http-proxy-login", "--http-proxy-password")) {
            if (has(option) && !has("--http-proxy-host")) {
                throw new UsageError(option + " needs --http-proxy-host");
            }
        }
        if (has("--http-proxy-login") != has("--http-proxy-password")) {
            throw new UsageError("--http-proxy-login and --http-proxy-password go together");
        }
        if (has("--http-proxy-port")) {
            String port = values.get("--http-proxy-port");
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new UsageError("--http-proxy-port must be a port number 1-65535, got '" + port + "'");
            }
        }
    }

    boolean has(String option) {
        return values.containsKey(option);
    }

    String value(String option) {
        return values.get(option);
    }

    boolean isSet(String aSwitch) {
        return switches.contains(aSwitch);
    }

    /** The lines read from the options file, in order (empty without one). */
    List<String> optionsFileLines() {
        return List.copyOf(fromFile);
    }

    List<String> components() {
        return has("--id") ? List.of(value("--id").split(",")) : List.of("BackupAndRecoveryAgent");
    }
}
