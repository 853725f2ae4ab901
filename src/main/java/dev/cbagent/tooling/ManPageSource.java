package dev.cbagent.tooling;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns picocli's generated AsciiDoc of one man page into AsciiDoc that renders our help texts as written. picocli
 * copies descriptions verbatim, so AsciiDoc markup characters in them took effect: {@code ******} (a masked secret)
 * became an empty bold span, and indented example lines ran into the paragraph before them. Here the text of
 * descriptions and footers has those characters replaced by AsciiDoc's character attributes, an indented example
 * line becomes a literal block of its own, and hand-written sections (EXAMPLES, ENVIRONMENT, FILES) are appended.
 */
final class ManPageSource {
    private static final String END = "// end::picocli-generated-full-manpage[]";
    /** The characters AsciiDoc has no attribute of its own for, defined in the page's header. */
    private static final List<String> OWN_ATTRIBUTES = List.of(":cb-underscore: _", ":cb-hash: #");
    /** An attribute reference AsciiDoc would expand ({@code {name}}); other braces are left alone by AsciiDoc. */
    private static final Pattern ATTRIBUTE = Pattern.compile("\\{([\\w-]+)}");

    private ManPageSource() {
    }

    /**
     * @param generated picocli's AsciiDoc of one page
     * @param extra     hand-written AsciiDoc sections for this page ({@code == EXAMPLES} ...), or null
     */
    static String finish(String generated, String extra) {
        List<String> out = new ArrayList<>();
        String section = "";
        boolean literal = false;
        for (String line : generated.split("\n", -1)) {
            if (line.startsWith("== ")) {
                section = line.substring(3).trim();
            }
            if (line.startsWith(":doctype:")) {
                out.add(line);
                out.addAll(OWN_ATTRIBUTES);
                continue;
            }
            if (line.equals(END) && extra != null && !extra.isBlank()) {
                out.add(extra.strip());
                out.add("");
            }
            boolean markup = line.isEmpty() || line.startsWith("//") || line.startsWith(":") || line.startsWith("=")
                    || line.endsWith("::") || section.equals("Synopsis");
            if (markup) {
                literal = false;
                out.add(line);
                continue;
            }
            boolean definitionText = isDefinitionList(section);
            if (!definitionText && line.startsWith(" ")) {
                // An example line: a literal block needs a blank line before it and shows its text as is.
                if (!literal && !out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
                    out.add("");
                }
                literal = true;
                out.add(line);
                continue;
            }
            if (literal) {
                out.add("");
                literal = false;
            }
            out.add(definitionText ? "  " + escape(line.substring(Math.min(2, line.length()))) : escape(line));
        }
        return String.join("\n", out);
    }

    private static boolean isDefinitionList(String section) {
        return section.equals("Options") || section.equals("Arguments") || section.equals("Commands");
    }

    /** Text shown as written: AsciiDoc's formatting marks replaced by the attributes that stand for them. */
    static String escape(String text) {
        Matcher attribute = ATTRIBUTE.matcher(text);
        String unexpanded = attribute.replaceAll(m -> Matcher.quoteReplacement("\\{" + m.group(1) + "}"));
        StringBuilder out = new StringBuilder(unexpanded.length());
        for (char c : unexpanded.toCharArray()) {
            switch (c) {
                case '*' -> out.append("{asterisk}");
                case '`' -> out.append("{backtick}");
                case '^' -> out.append("{caret}");
                case '~' -> out.append("{tilde}");
                case '+' -> out.append("{plus}");
                case '_' -> out.append("{cb-underscore}");
                case '#' -> out.append("{cb-hash}");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
