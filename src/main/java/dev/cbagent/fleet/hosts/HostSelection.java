package dev.cbagent.fleet.hosts;

import dev.cbagent.error.CbagentException;
import dev.cbagent.error.ExitCode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code --limit}: the hosts of a list that a pattern selects, as Ansible's {@code --limit} does. A pattern is a
 * group name (with its children), {@code all}, a host (its inventory name, hostname, address or
 * {@code address:port}), a glob on those ({@code web-*}, {@code db-0?}, {@code 10.0.1.*}) or a regular expression
 * after {@code ~}. Several patterns are separated by {@code :} or {@code ,}: their union, narrowed by those written
 * {@code &pattern} (intersection), minus those written {@code !pattern}. A pattern that selects nothing is a
 * mistake (exit 2), as is a limit that leaves no host.
 */
public final class HostSelection {
    private HostSelection() {
    }

    /** The hosts {@code limit} selects, in list order; every host when {@code limit} is null. */
    public static List<Host> select(HostList list, String limit) {
        if (limit == null) {
            return list.hosts();
        }
        List<String> terms = split(limit);
        if (terms.isEmpty()) {
            throw bad("--limit: no pattern given");
        }
        Set<String> union = new LinkedHashSet<>();
        List<Set<String>> intersections = new ArrayList<>();
        Set<String> excluded = new LinkedHashSet<>();
        boolean anyPositive = false;
        for (String term : terms) {
            char first = term.charAt(0);
            String pattern = first == '!' || first == '&' ? term.substring(1) : term;
            if (pattern.isEmpty()) {
                throw bad("--limit: '" + term + "' has no pattern after '" + first + "'");
            }
            Set<String> matched = match(list, pattern);
            if (matched.isEmpty() && first != '!') {
                throw bad("--limit: '" + pattern + "' matches no " + (list.isInventory() ? "group or " : "")
                        + "host in " + list.file());
            }
            if (first == '!') {
                excluded.addAll(matched);
            } else if (first == '&') {
                intersections.add(matched);
            } else {
                union.addAll(matched);
                anyPositive = true;
            }
        }
        if (!anyPositive) {
            list.hosts().forEach(h -> union.add(h.label()));
        }
        intersections.forEach(union::retainAll);
        union.removeAll(excluded);
        List<Host> selected = list.hosts().stream().filter(h -> union.contains(h.label())).toList();
        if (selected.isEmpty()) {
            throw bad("--limit '" + limit + "' leaves no host of " + list.file());
        }
        return selected;
    }

    /** Splits at {@code :} and {@code ,}, except inside {@code [...]} and in a regular expression's rest. */
    static List<String> split(String limit) {
        List<String> terms = new ArrayList<>();
        StringBuilder term = new StringBuilder();
        int brackets = 0;
        for (int i = 0; i < limit.length(); i++) {
            char c = limit.charAt(i);
            boolean regex = term.length() > 0 && (term.charAt(0) == '~'
                    || (term.length() > 1 && term.charAt(1) == '~'));
            if ((c == ':' || c == ',') && brackets == 0 && !regex) {
                add(terms, term);
                continue;
            }
            if (c == '[') {
                brackets++;
            } else if (c == ']' && brackets > 0) {
                brackets--;
            }
            term.append(c);
        }
        add(terms, term);
        return terms;
    }

    private static void add(List<String> terms, StringBuilder term) {
        String t = term.toString().strip();
        if (!t.isEmpty()) {
            terms.add(t);
        }
        term.setLength(0);
    }

    private static Set<String> match(HostList list, String pattern) {
        Set<String> out = new LinkedHashSet<>();
        Set<String> group = list.groups().get(pattern);
        if (group != null) {
            out.addAll(group);
            return out;
        }
        if (pattern.equals("all") || pattern.equals("*")) {
            list.hosts().forEach(h -> out.add(h.label()));
            return out;
        }
        Pattern regex;
        if (pattern.startsWith("~")) {
            try {
                regex = Pattern.compile(pattern.substring(1), Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw bad("--limit: '" + pattern + "' is not a regular expression: " + e.getDescription());
            }
        } else {
            regex = glob(pattern);
            // A glob also selects groups, as Ansible's does.
            list.groups().forEach((name, members) -> {
                if (regex.matcher(name).matches()) {
                    out.addAll(members);
                }
            });
        }
        boolean search = pattern.startsWith("~");
        for (Host h : list.hosts()) {
            for (String name : names(list, h)) {
                if (search ? regex.matcher(name).find() : regex.matcher(name).matches()) {
                    out.add(h.label());
                    break;
                }
            }
        }
        return out;
    }

    private static List<String> names(HostList list, Host h) {
        List<String> names = new ArrayList<>(List.of(h.label(), h.address()));
        if (h.hostname() != null) {
            names.add(h.hostname());
        }
        String inventoryName = list.names().get(h.label());
        if (inventoryName != null) {
            names.add(inventoryName);
        }
        return names;
    }

    /** A glob as a case-insensitive regular expression: {@code *} any run, {@code ?} one character, {@code [...]}. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        boolean inClass = false;
        for (char c : glob.toCharArray()) {
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                    re.append(']');
                } else if (c == '\\') {
                    re.append("\\\\");
                } else {
                    re.append(c);
                }
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                inClass = true;
                re.append('[');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inClass) {
            return Pattern.compile(Pattern.quote(glob), Pattern.CASE_INSENSITIVE);
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static CbagentException bad(String message) {
        return new CbagentException(ExitCode.INVALID_INPUT, message.toLowerCase(Locale.ROOT).startsWith("--limit")
                ? message : "--limit: " + message);
    }
}
