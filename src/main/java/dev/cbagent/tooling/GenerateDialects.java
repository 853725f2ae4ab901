package dev.cbagent.tooling;

import dev.cbagent.plan.Dialect;
import dev.cbagent.plan.DialectLoader;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Build-time only (Maven {@code compile}, right after our classes): reads every built-in dialect file with
 * {@link DialectLoader#fromFile}, the parser a user's dialect goes through, and writes {@code BuiltInDialects.java},
 * whose methods build the same {@link Dialect} records. The build compiles it beside our classes, so a command
 * gets its platform's dialect without SnakeYAML and without opening the jar for a resource. The YAML files stay
 * the source; {@code BuiltInDialectsTest} proves both give equal dialects.
 * <pre>GenerateDialects DIALECTS_FOLDER SOURCE_ROOT</pre>
 */
public final class GenerateDialects {
    static final String PACKAGE = "dev.cbagent.plan";
    static final String CLASS = "BuiltInDialects";

    private GenerateDialects() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GenerateDialects DIALECTS_FOLDER SOURCE_ROOT");
        }
        Map<String, Dialect> dialects = new TreeMap<>();
        String suffix = "-" + DialectLoader.PRODUCT_VERSION + ".yaml";
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList()) {
                String name = file.getFileName().toString();
                dialects.put(name.substring(0, name.length() - suffix.length()), new DialectLoader().fromFile(file));
            }
        }
        if (dialects.isEmpty()) {
            throw new IllegalArgumentException("no dialect files *" + suffix + " in " + args[0]);
        }
        Path output = Path.of(args[1], PACKAGE.replace('.', '/'), CLASS + ".java");
        Files.createDirectories(output.getParent());
        Files.writeString(output, source(dialects), StandardCharsets.UTF_8);
    }

    static String source(Map<String, Dialect> dialects) {
        StringBuilder java = new StringBuilder()
                .append("package ").append(PACKAGE).append(";\n\n")
                .append("/** Generated at build time by dev.cbagent.tooling.GenerateDialects from src/main/resources/dialects:"
                        + " do not edit. */\n")
                .append("final class ").append(CLASS).append(" {\n")
                .append("    private ").append(CLASS).append("() {\n    }\n\n")
                .append("    /** The built-in dialect of {@code platform}, or null when there is none. */\n")
                .append("    static Dialect forPlatform(String platform) {\n")
                .append("        switch (platform) {\n");
        dialects.keySet().forEach(platform -> java.append("            case ").append(literal(platform))
                .append(": return ").append(method(platform)).append("();\n"));
        java.append("            default: return null;\n        }\n    }\n");
        dialects.forEach((platform, dialect) -> java.append("\n    private static Dialect ").append(method(platform))
                .append("() {\n        return ").append(expression(dialect)).append(";\n    }\n"));
        return java.append("}\n").toString();
    }

    private static String method(String platform) {
        StringBuilder name = new StringBuilder();
        for (String part : platform.split("[^A-Za-z0-9]+")) {
            name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }

    /** A Java expression that builds {@code value}: records by their canonical constructor, immutable collections. */
    static String expression(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return literal(text);
        }
        if (value instanceof Integer || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(expression(item)));
            return "java.util.List.of(" + String.join(", ", items) + ")";
        }
        if (value instanceof Map<?, ?> map) {
            // sorted, so the same files give the same source (the records keep their maps unordered anyway)
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, item) -> sorted.put((String) key, item));
            List<String> entries = new ArrayList<>();
            sorted.forEach((key, item) -> entries.add("java.util.Map.entry(" + literal(key) + ", " + expression(item) + ")"));
            return "java.util.Map.ofEntries(" + String.join(", ", entries) + ")";
        }
        if (value instanceof Record record) {
            List<String> arguments = new ArrayList<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    arguments.add(expression(component.getAccessor().invoke(record)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
            return "new " + record.getClass().getCanonicalName() + "(" + String.join(", ", arguments) + ")";
        }
        throw new IllegalArgumentException("no Java expression for a " + value.getClass().getName());
    }

    static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
