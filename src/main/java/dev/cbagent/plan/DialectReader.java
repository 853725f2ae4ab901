package dev.cbagent.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a parsed dialect file (plain maps and lists) onto {@link Dialect}, refusing unknown keys. Written by hand
 * rather than with a data binder because it runs on every command and start-up time matters.
 */
final class DialectReader {
    private DialectReader() {
    }

    static Dialect read(Object tree) {
        Map<String, Object> root = map(tree, "dialect", Set.of("platform", "product", "languages", "components",
                "installer", "registerTool", "serviceRestart"));
        Map<String, Object> c = map(root.get("components"), "components",
                Set.of("all", "onPremiseOnly", "groups", "requires", "misprints"));
        Dialect.Components components = new Dialect.Components(strings(c.get("all")), strings(c.get("onPremiseOnly")),
                strings(c.get("groups")), stringMap(c.get("requires")), stringMap(c.get("misprints")));
        return new Dialect(text(root.get("platform")), text(root.get("product")), strings(root.get("languages")),
                components, installer(root.get("installer")), registerTool(root.get("registerTool")),
                commands(root.get("serviceRestart")));
    }

    private static Dialect.Tool installer(Object node) {
        if (node == null) {
            return null;
        }
        Map<String, Object> m = map(node, "installer", Set.of("form", "always", "options", "optionsFileFlag", "rebootExitCodes"));
        List<Integer> reboot = new ArrayList<>();
        for (Object code : list(m.get("rebootExitCodes"))) {
            reboot.add(((Number) code).intValue());
        }
        return new Dialect.Tool(text(m.get("form")), strings(m.get("always")), options(m.get("options")),
                text(m.get("optionsFileFlag")), reboot);
    }

    private static Dialect.RegisterTool registerTool(Object node) {
        Map<String, Object> m = map(node, "registerTool", Set.of("path", "form", "register", "unregister"));
        return new Dialect.RegisterTool(text(m.get("path")), text(m.get("form")), options(m.get("register")),
                options(m.get("unregister")));
    }

    /** A list of argv lists ({@code [[systemctl, restart, acronis_mms]]}). */
    private static List<List<String>> commands(Object node) {
        List<List<String>> commands = new ArrayList<>();
        for (Object command : list(node)) {
            List<String> argv = strings(command);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("serviceRestart: an empty command");
            }
            commands.add(argv);
        }
        return commands;
    }

    private static List<OptionSpec> options(Object node) {
        List<OptionSpec> options = new ArrayList<>();
        for (Object item : list(node)) {
            Map<String, Object> m = map(item, "option", Set.of("flag", "value", "when"));
            if (m.get("flag") == null) {
                throw new IllegalArgumentException("an option without a flag: " + m);
            }
            options.add(new OptionSpec(text(m.get("flag")), text(m.get("value")), text(m.get("when"))));
        }
        return options;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what, Set<String> allowed) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException(what + " must be a mapping");
        }
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) raw);
        for (String key : m.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + what);
            }
        }
        return m;
    }

    private static List<?> list(Object node) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> l)) {
            throw new IllegalArgumentException("expected a list, got " + node);
        }
        return l;
    }

    private static List<String> strings(Object node) {
        return list(node).stream().map(String::valueOf).toList();
    }

    private static Map<String, String> stringMap(Object node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    private static String text(Object node) {
        return node == null ? null : String.valueOf(node);
    }
}
