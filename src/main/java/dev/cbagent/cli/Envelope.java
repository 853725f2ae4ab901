package dev.cbagent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cbagent.error.ExitCode;
import dev.cbagent.fleet.hosts.HostListProblem;
import dev.cbagent.profile.Finding;

import java.util.List;

/**
 * The fields every JSON result starts with, whatever the command (DESIGN.md "Command line"): {@code command},
 * {@code status}, {@code changed}, {@code exitCode} and {@code error}: null, or
 * {@code {"code", "message", "findings": [{"file", "line", "column", "severity", "key", "message"}]}}.
 * Command-specific fields are added after them.
 */
final class Envelope {
    /** {@code error.code} of a command line picocli (or a command's own option check) refused. */
    static final String BAD_COMMAND_LINE = "bad-command-line";
    /** {@code error.code} of a profile with errors. */
    static final String INVALID_PROFILE = "invalid-profile";
    /** {@code error.code} of a host list with mistakes. */
    static final String INVALID_HOST_LIST = "invalid-host-list";

    private Envelope() {
    }

    /** The envelope of a result: {@code error} null when {@code message} is. */
    static ObjectNode of(String command, String status, boolean changed, ExitCode exit, String message) {
        return of(command, status, changed, exit, message == null ? null : error(exit.word(), message, Json.array()));
    }

    static ObjectNode of(String command, String status, boolean changed, ExitCode exit, ObjectNode error) {
        ObjectNode doc = Json.object();
        doc.put("command", command);
        doc.put("status", status);
        doc.put("changed", changed);
        doc.put("exitCode", exit.code());
        if (error == null) {
            doc.putNull("error");
        } else {
            doc.set("error", error);
        }
        return doc;
    }

    static ObjectNode error(String code, String message, ArrayNode findings) {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        error.set("findings", findings);
        return error;
    }

    static ArrayNode findings(List<Finding> findings) {
        ArrayNode array = Json.array();
        for (Finding f : findings) {
            finding(array, f.location().file(), f.location().line(), f.location().column(), f.severity().label(),
                    f.key(), f.message());
        }
        return array;
    }

    /** Host-list mistakes as findings: a whole line (column 1), always an error, no profile key. */
    static ArrayNode hostListFindings(List<HostListProblem> problems) {
        ArrayNode array = Json.array();
        problems.forEach(p -> finding(array, p.file(), p.line(), 1, "error", null, p.message()));
        return array;
    }

    private static void finding(ArrayNode array, String file, int line, int column, String severity, String key,
                                String message) {
        ObjectNode node = array.addObject();
        node.put("file", file);
        node.put("line", line);
        node.put("column", column);
        node.put("severity", severity);
        node.put("key", key);
        node.put("message", message);
    }

    /** One line for {@code error.message} where stderr prints several: the first, and how many more there are. */
    static String firstOf(List<String> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        return lines.size() == 1 ? lines.get(0) : lines.get(0) + " (and " + (lines.size() - 1) + " more)";
    }

    /** What a command calls itself in JSON: its name below {@code cbagent}, e.g. {@code "fleet status"}; null for the root. */
    static String commandName(picocli.CommandLine.Model.CommandSpec spec) {
        String qualified = spec.qualifiedName(" ");
        int space = qualified.indexOf(' ');
        return space < 0 ? null : qualified.substring(space + 1);
    }
}
