package dev.cbagent.sandbox.fake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The register tool's command line as the vendor guide (3.2) writes it, options and values as separate arguments:
 * {@code -o register -a <addr> [-u <login> -p <password> | --token <token>] [--tenant <unit>] [-s asn]} or
 * {@code -o unregister [-a <addr>]}.
 */
final class RegisterAgentOptions {
    private static final Set<String> OPTIONS = Set.of("-o", "-a", "-u", "-p", "--token", "--tenant", "-s");
    private static final Set<String> UNREGISTER_OPTIONS = Set.of("-o", "-a");

    private final Map<String, String> values;

    private RegisterAgentOptions(Map<String, String> values) {
        this.values = values;
    }

    static RegisterAgentOptions parse(List<String> args) throws UsageError {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String option = args.get(i);
            if (!OPTIONS.contains(option)) {
                throw new UsageError(unknown(option));
            }
            if (i + 1 >= args.size()) {
                throw new UsageError(option + " needs a value");
            }
            String value = args.get(i + 1);
            if (value.isEmpty()) {
                throw new UsageError(option + " needs a non-empty value");
            }
            if (values.putIfAbsent(option, value) != null) {
                throw new UsageError(option + " is given twice");
            }
        }
        RegisterAgentOptions options = new RegisterAgentOptions(values);
        options.validate();
        return options;
    }

    private static String unknown(String option) {
        int equals = option.indexOf('=');
        if (equals > 0 && OPTIONS.contains(option.substring(0, equals))) {
            return "unknown option '" + option.substring(0, equals) + "=...': give the value as a separate argument";
        }
        return "unknown option '" + option + "'";
    }

    private void validate() throws UsageError {
        String operation = values.get("-o");
        if (operation == null) {
            throw new UsageError("missing -o register|unregister");
        }
        switch (operation) {
            case "register" -> validateRegister();
            case "unregister" -> validateUnregister();
            default -> throw new UsageError("-o must be register or unregister, got '" + operation + "'");
        }
    }

    private void validateRegister() throws UsageError {
        if (!values.containsKey("-a")) {
            throw new UsageError("-o register needs -a <management server address>");
        }
        if (values.containsKey("--token") && (values.containsKey("-u") || values.containsKey("-p"))) {
            throw new UsageError("--token cannot be combined with -u/-p");
        }
        if (values.containsKey("-u") != values.containsKey("-p")) {
            throw new UsageError("-u and -p go together");
        }
        if (values.containsKey("-s") && !values.get("-s").equals("asn")) {
            throw new UsageError("-s only accepts asn (storage node), got '" + values.get("-s") + "'");
        }
    }

    private void validateUnregister() throws UsageError {
        for (String option : values.keySet()) {
            if (!UNREGISTER_OPTIONS.contains(option)) {
                throw new UsageError(option + " cannot be used with -o unregister");
            }
        }
    }

    boolean isRegister() {
        return values.get("-o").equals("register");
    }

    String address() {
        return values.get("-a");
    }

    String login() {
        return values.get("-u");
    }

    String password() {
        return values.get("-p");
    }

    String token() {
        return values.get("--token");
    }

    String tenant() {
        return values.get("--tenant");
    }

    boolean storageNode() {
        return values.containsKey("-s");
    }
}
