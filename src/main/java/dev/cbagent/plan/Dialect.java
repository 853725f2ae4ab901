package dev.cbagent.plan;

import java.util.List;
import java.util.Map;

/** The vendor tools' command-line options for one platform and product version, read from a data file. */
public record Dialect(String platform, String product, List<String> languages, Components components,
                      Tool installer, RegisterTool registerTool, List<List<String>> serviceRestart) {

    public Dialect {
        languages = languages == null ? List.of() : List.copyOf(languages);
        serviceRestart = serviceRestart == null ? List.of() : copies(serviceRestart);
    }

    private static List<List<String>> copies(List<List<String>> commands) {
        java.util.ArrayList<List<String>> copies = new java.util.ArrayList<>(commands.size());
        for (List<String> command : commands) {
            copies.add(List.copyOf(command));
        }
        return java.util.Collections.unmodifiableList(copies);
    }

    public Dialect(String platform, String product, List<String> languages, Components components, Tool installer,
                   RegisterTool registerTool) {
        this(platform, product, languages, components, installer, registerTool, List.of());
    }

    /**
     * Component names this platform's installer accepts. {@code misprints}: a name as the vendor guide spells it
     * (accepted and passed as written, with a warning) and the name it probably means.
     */
    public record Components(List<String> all, List<String> onPremiseOnly, List<String> groups,
                             Map<String, String> requires, Map<String, String> misprints) {
        public Components {
            all = all == null ? List.of() : List.copyOf(all);
            onPremiseOnly = onPremiseOnly == null ? List.of() : List.copyOf(onPremiseOnly);
            groups = groups == null ? List.of() : List.copyOf(groups);
            requires = requires == null ? Map.of() : Map.copyOf(requires);
            misprints = misprints == null ? Map.of() : Map.copyOf(misprints);
        }
    }

    /** The installer: {@code form} is {@code equals} (--name=value) or {@code separate} (--name value). */
    public record Tool(String form, List<String> always, List<OptionSpec> options, String optionsFileFlag,
                       List<Integer> rebootExitCodes) {
        public Tool {
            always = always == null ? List.of() : List.copyOf(always);
            options = options == null ? List.of() : List.copyOf(options);
            rebootExitCodes = rebootExitCodes == null ? List.of() : List.copyOf(rebootExitCodes);
        }
    }

    public record RegisterTool(String path, String form, List<OptionSpec> register, List<OptionSpec> unregister) {
        public RegisterTool {
            register = register == null ? List.of() : List.copyOf(register);
            unregister = unregister == null ? List.of() : List.copyOf(unregister);
        }
    }

    public boolean hasInstaller() {
        return installer != null;
    }

    /** Every option of every tool of this platform. */
    public List<OptionSpec> allOptions() {
        java.util.ArrayList<OptionSpec> all = new java.util.ArrayList<>();
        if (installer != null) {
            all.addAll(installer.options());
        }
        if (registerTool != null) {
            all.addAll(registerTool.register());
            all.addAll(registerTool.unregister());
        }
        return all;
    }
}
