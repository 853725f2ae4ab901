package dev.cbagent.fleet.hosts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Ansible INI inventory: hosts before any section are ungrouped; {@code [group]} lists hosts, each
 * {@code name [key=value ...]} (a {@code name:port}, and ranges such as {@code web-[01:20]} or {@code db-[a:c]});
 * {@code [group:vars]} holds {@code key=value} lines, {@code [group:children]} one group a line. {@code #} and
 * {@code ;} start comments.
 */
final class IniInventory {
    private static final Pattern SECTION = Pattern.compile("\\[([^\\]:\\s]+)(?::([^\\]\\s]*))?\\]");
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern RANGE = Pattern.compile("\\[([0-9]+|[a-z]):([0-9]+|[a-z])(?::([0-9]+))?\\]");
    private static final int MAX_RANGE = 100_000;

    private enum Kind { HOSTS, VARS, CHILDREN }

    private final Inventory inventory;

    private IniInventory(Inventory inventory) {
        this.inventory = inventory;
    }

    static List<RawHost> parse(String file, List<String> lines, List<HostListProblem> problems) {
        Inventory inventory = new Inventory(file, problems);
        new IniInventory(inventory).read(lines);
        int before = problems.size();
        List<RawHost> hosts = inventory.resolve();
        return problems.size() > before ? List.of() : hosts;
    }

    private void read(List<String> lines) {
        Inventory.Group group = inventory.group(Inventory.UNGROUPED, 1);
        Kind kind = Kind.HOSTS;
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            String text = lines.get(i).strip();
            if (i == 0 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isEmpty() || text.startsWith("#") || text.startsWith(";")) {
                continue;
            }
            if (text.startsWith("[")) {
                Matcher m = SECTION.matcher(text);
                if (!m.lookingAt() || !isCommentOrEmpty(text.substring(m.end()))) {
                    inventory.problem(line, "expected a section header like [group], [group:vars] or "
                            + "[group:children], got '" + text + "'");
                    group = null;
                    continue;
                }
                String name = m.group(1);
                String suffix = m.group(2);
                if (!GROUP_NAME.matcher(name).matches()) {
                    inventory.problem(line, "'" + name + "' is not a group name (letters, digits, _ . -)");
                    group = null;
                    continue;
                }
                if (suffix == null) {
                    kind = Kind.HOSTS;
                } else if (suffix.equals("vars")) {
                    kind = Kind.VARS;
                } else if (suffix.equals("children")) {
                    kind = Kind.CHILDREN;
                } else {
                    inventory.problem(line, "unknown section [" + name + ":" + suffix + "]: expected [" + name
                            + "], [" + name + ":vars] or [" + name + ":children]");
                    group = null;
                    continue;
                }
                group = inventory.group(name, line);
                continue;
            }
            if (group == null) {
                continue; // under a bad header, already reported
            }
            switch (kind) {
                case HOSTS -> hostLine(group, text, line);
                case VARS -> varLine(group, text, line);
                case CHILDREN -> {
                    String child = stripComment(text).strip();
                    if (!GROUP_NAME.matcher(child).matches()) {
                        inventory.problem(line, "[" + group.name + ":children]: expected one group name, got '"
                                + text + "'");
                    } else {
                        inventory.group(child, line);
                        group.children.add(child);
                    }
                }
            }
        }
    }

    private static boolean isCommentOrEmpty(String rest) {
        String r = rest.strip();
        return r.isEmpty() || r.startsWith("#") || r.startsWith(";");
    }

    private static String stripComment(String text) {
        int hash = text.indexOf(" #");
        int semi = text.indexOf(" ;");
        int cut = hash < 0 ? semi : semi < 0 ? hash : Math.min(hash, semi);
        return cut < 0 ? text : text.substring(0, cut);
    }

    private void hostLine(Inventory.Group group, String text, int line) {
        List<String> tokens = tokens(text, line);
        if (tokens == null || tokens.isEmpty()) {
            return;
        }
        String pattern = tokens.get(0);
        if (pattern.indexOf('=') >= 0) {
            inventory.problem(line, "expected a host name first, got '" + pattern + "'"
                    + (group.name.equals(Inventory.UNGROUPED) ? "" : " (variables of a group go under ["
                    + group.name + ":vars])"));
            return;
        }
        String port = null;
        String bare = RANGE.matcher(pattern).replaceAll("");
        int colon = pattern.lastIndexOf(':');
        if (bare.indexOf(':') >= 0 && bare.indexOf(':') == bare.lastIndexOf(':')
                && pattern.substring(colon + 1).matches("[0-9]+")) {
            port = pattern.substring(colon + 1);
            pattern = pattern.substring(0, colon);
        }
        List<String> names = expand(pattern, line);
        if (names == null) {
            return;
        }
        List<String[]> vars = new ArrayList<>();
        for (String token : tokens.subList(1, tokens.size())) {
            int eq = token.indexOf('=');
            if (eq <= 0 || !KEY.matcher(token.substring(0, eq)).matches()) {
                inventory.problem(line, "expected key=value after the host name, got '" + token + "'");
                return;
            }
            vars.add(new String[] {token.substring(0, eq), token.substring(eq + 1)});
        }
        for (String name : names) {
            Inventory.Member m = inventory.host(name, line, group);
            if (port != null) {
                m.vars.put("ansible_port", new Inventory.Var(port, line));
            }
            for (String[] kv : vars) {
                m.vars.put(kv[0], new Inventory.Var(kv[1], line));
            }
        }
    }

    private void varLine(Inventory.Group group, String text, int line) {
        int eq = text.indexOf('=');
        String key = eq < 0 ? text : text.substring(0, eq).strip();
        if (eq <= 0 || !KEY.matcher(key).matches()) {
            inventory.problem(line, "[" + group.name + ":vars]: expected key=value, got '" + text + "'");
            return;
        }
        String value = stripComment(text.substring(eq + 1)).strip();
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            value = value.substring(1, value.length() - 1);
        }
        group.vars.put(key, new Inventory.Var(value, line));
    }

    /** Whitespace-separated words; quotes group (and are removed); a word starting with # or ; ends the line. */
    private List<String> tokens(String text, int line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if ((c == '#' || c == ';') && !inWord) {
                break;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            inventory.problem(line, "unbalanced quote");
            return null;
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }

    /** A host pattern's names: {@code web-[01:03]} is web-01, web-02, web-03; null after reporting a bad range. */
    private List<String> expand(String pattern, int line) {
        Matcher m = RANGE.matcher(pattern);
        if (!m.find()) {
            return List.of(pattern);
        }
        String head = pattern.substring(0, m.start());
        List<String> tails = expand(pattern.substring(m.end()), line);
        if (tails == null) {
            return null;
        }
        String from = m.group(1);
        String to = m.group(2);
        int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        boolean numeric = Character.isDigit(from.charAt(0));
        if (numeric != Character.isDigit(to.charAt(0)) || step < 1) {
            inventory.problem(line, "bad host range '" + m.group() + "'");
            return null;
        }
        List<String> out = new ArrayList<>();
        if (numeric) {
            long a = Long.parseLong(from);
            long b = Long.parseLong(to);
            if (b < a || (b - a) / step + 1 > MAX_RANGE) {
                inventory.problem(line, "bad host range '" + m.group() + "'");
                return null;
            }
            int width = from.length() > 1 && from.startsWith("0") ? from.length() : 0;
            for (long n = a; n <= b; n += step) {
                String s = width > 0 ? String.format("%0" + width + "d", n) : Long.toString(n);
                tails.forEach(t -> out.add(head + s + t));
            }
        } else {
            char a = from.charAt(0);
            char b = to.charAt(0);
            if (b < a) {
                inventory.problem(line, "bad host range '" + m.group() + "'");
                return null;
            }
            for (char c = a; c <= b; c += (char) step) {
                String s = String.valueOf(c);
                tails.forEach(t -> out.add(head + s + t));
            }
        }
        return out;
    }
}
