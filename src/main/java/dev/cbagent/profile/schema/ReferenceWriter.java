package dev.cbagent.profile.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The profile reference in Markdown, from the same {@link KeySpec} tree the loader uses: one table per top-level
 * section, one row per key path. It knows nothing of vendor flags; the caller passes one {@link Column} per
 * platform with a cell per key path, and notes on values and defaults that do not live in the tree.
 */
public final class ReferenceWriter {
    static final String TOP_LEVEL = "Top level";

    /** One extra column: a title and a Markdown cell per key path (absent: {@code missing}). */
    public record Column(String title, Map<String, String> cells, String missing) {
    }

    private ReferenceWriter() {
    }

    /** The tables, one {@code ## section} per top-level object (scalar top-level keys first, together). */
    public static String tables(KeySpec root, Map<String, String> defaults, Map<String, String> valueNotes,
                                List<Column> columns) {
        StringBuilder out = new StringBuilder();
        List<KeySpec> topScalars = root.children().values().stream().filter(c -> c.type() != ValueType.OBJECT).toList();
        if (!topScalars.isEmpty()) {
            section(out, TOP_LEVEL, "", new KeySpec("", ValueType.OBJECT, "", List.of(), null, null,
                    toMap(topScalars)), defaults, valueNotes, columns);
        }
        for (KeySpec child : root.children().values()) {
            if (child.type() == ValueType.OBJECT) {
                section(out, "`" + child.name() + "`", child.name(), child, defaults, valueNotes, columns);
            }
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, String path, KeySpec spec,
                                Map<String, String> defaults, Map<String, String> valueNotes, List<Column> columns) {
        out.append("## ").append(title).append("\n\n");
        if (!path.isEmpty() && !spec.description().isEmpty()) {
            out.append(spec.description()).append(".\n\n");
        }
        List<String> header = new ArrayList<>(List.of("key", "type", "values", "default", "secret"));
        columns.forEach(c -> header.add(c.title()));
        header.add("description");
        row(out, header);
        row(out, header.stream().map(h -> "---").toList());
        for (var leaf : JsonSchemaWriter.leaves(spec).entrySet()) {
            String key = path.isEmpty() ? leaf.getKey() : path + "." + leaf.getKey();
            KeySpec k = leaf.getValue();
            List<String> cells = new ArrayList<>();
            cells.add("`" + key + "`");
            cells.add(typeName(k));
            cells.add(join(values(k), valueNotes.get(key)));
            cells.add(defaults.getOrDefault(key, ""));
            cells.add(k.isSecret() ? "yes" : k.type() == ValueType.TEXT_WITH_SECRETS ? "its references" : "");
            for (Column c : columns) {
                cells.add(c.cells().getOrDefault(key, c.missing()));
            }
            cells.add(k.description());
            row(out, cells);
        }
        out.append('\n');
    }

    static String typeName(KeySpec k) {
        return switch (k.type()) {
            case STRING -> "string";
            case SECRET -> "secret";
            case TEXT_WITH_SECRETS -> "text with secrets";
            case BOOLEAN -> "boolean";
            case INTEGER -> "integer";
            case ENUM -> "enum";
            case STRING_LIST -> "list of strings";
            case DURATION -> "duration";
            case OBJECT -> "object";
        };
    }

    static String values(KeySpec k) {
        return switch (k.type()) {
            case ENUM -> String.join(", ", k.allowed().stream().map(a -> "`" + a + "`").toList());
            case INTEGER -> k.min() == null && k.max() == null ? ""
                    : (k.min() == null ? "" : k.min()) + "–" + (k.max() == null ? "" : k.max());
            case BOOLEAN -> "`true`, `false`";
            case DURATION -> "like `90s`, `10m`, `1h`";
            case SECRET -> "`${env:NAME}`, `${file:PATH}` (clear text: a warning)";
            case TEXT_WITH_SECRETS -> "text; each `${env:NAME}`, `${file:PATH}` inside is a secret";
            default -> "";
        };
    }

    private static String join(String a, String b) {
        if (b == null || b.isEmpty()) {
            return a;
        }
        return a.isEmpty() ? b : a + "; " + b;
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(escape(cell)).append(" |");
        }
        out.append('\n');
    }

    /** A cell is one line; a {@code |} would end it. */
    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", "<br>");
    }

    private static Map<String, KeySpec> toMap(List<KeySpec> specs) {
        Map<String, KeySpec> map = new java.util.LinkedHashMap<>();
        specs.forEach(s -> map.put(s.name(), s));
        return map;
    }
}
