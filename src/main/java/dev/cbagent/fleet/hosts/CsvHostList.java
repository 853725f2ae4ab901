package dev.cbagent.fleet.hosts;

import dev.cbagent.profile.Suggestions;

import java.util.ArrayList;
import java.util.List;

/**
 * A CSV host list: a header naming some of {@code address,port,user,hostname,platform,profile} in any order, then
 * one host a line. Empty fields take the default; fields may be double-quoted; {@code #} lines are comments.
 */
final class CsvHostList {
    static final List<String> COLUMNS = List.of("address", "port", "user", "hostname", "platform", "profile");

    private CsvHostList() {
    }

    static List<RawHost> parse(String file, List<String> lines, List<HostListProblem> problems) {
        List<RawHost> hosts = new ArrayList<>();
        List<String> header = null;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank() || text.trim().startsWith("#")) {
                continue;
            }
            int line = i + 1;
            List<String> fields = split(text);
            if (fields == null) {
                problems.add(new HostListProblem(file, line, "unbalanced double quote"));
                continue;
            }
            if (header == null) {
                header = header(file, line, fields, problems);
                if (header == null) {
                    return hosts;
                }
                continue;
            }
            if (fields.size() != header.size()) {
                problems.add(new HostListProblem(file, line, "expected " + header.size() + " fields ("
                        + String.join(",", header) + "), got " + fields.size()));
                continue;
            }
            RawHost raw = new RawHost(line);
            for (int c = 0; c < header.size(); c++) {
                if (!fields.get(c).isEmpty()) {
                    raw.put(header.get(c), fields.get(c), line);
                }
            }
            hosts.add(raw);
        }
        if (header == null) {
            problems.add(new HostListProblem(file, 1, "no header line (e.g. address,port,user,hostname)"));
        }
        return hosts;
    }

    private static List<String> header(String file, int line, List<String> fields, List<HostListProblem> problems) {
        int before = problems.size();
        List<String> seen = new ArrayList<>();
        for (String column : fields) {
            if (!COLUMNS.contains(column)) {
                problems.add(new HostListProblem(file, line, "unknown column '" + column + "'"
                        + Suggestions.didYouMean(column, COLUMNS) + "; columns are " + String.join(",", COLUMNS)));
            } else if (seen.contains(column)) {
                problems.add(new HostListProblem(file, line, "column '" + column + "' appears twice"));
            }
            seen.add(column);
        }
        if (!seen.contains("address")) {
            problems.add(new HostListProblem(file, line, "the header has no 'address' column"));
        }
        return problems.size() > before ? null : seen;
    }

    /** The fields of one line, trimmed, quotes removed ({@code ""} inside quotes is one quote); null if unbalanced. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString().trim());
        return fields;
    }
}
