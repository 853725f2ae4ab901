package dev.cbagent.fleet.hosts;

import java.util.ArrayList;
import java.util.List;

/** A plain host list: {@code [user@]host[:port]} a line; {@code #} starts a comment. */
final class TextHostList {
    private TextHostList() {
    }

    static List<RawHost> parse(String file, List<String> lines, List<HostListProblem> problems) {
        List<RawHost> hosts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = stripComment(lines.get(i)).trim();
            if (text.isEmpty()) {
                continue;
            }
            int line = i + 1;
            HostAddress.parse(text, line).ifPresentOrElse(hosts::add, () -> problems.add(new HostListProblem(file,
                    line, "expected [user@]host[:port], got " + HostAddress.shown(text))));
        }
        return hosts;
    }

    static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
