package dev.cbagent.fleet;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One local log file per failed host, {@code <log dir>/fleet-<run id>/<host>.log} (folder 0700, files 0600): the
 * host, its step, exit code and error, and everything the installer printed (its last 64 KiB), all masked. The
 * folder is made only when a host failed, so a run that works leaves nothing behind.
 */
final class HostLogs {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Path dir;
    private final PrintWriter err;

    /** @param logDir the log folder; {@code fleet-<run id>} is made inside it */
    HostLogs(Path logDir, String runId, PrintWriter err) {
        this.dir = logDir.resolve("fleet-" + runId);
        this.err = err;
    }

    /** A run id: the UTC start time and this process's id. */
    static String runId() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + ProcessHandle.current().pid();
    }

    Path dir() {
        return dir;
    }

    /** The report with a log written for every host that is not confirmed, and its path in the host's result. */
    FleetReport attach(FleetReport report, Map<String, HostPlan> plans) {
        List<HostResult> hosts = new ArrayList<>();
        boolean warned = false;
        for (HostResult h : report.hosts()) {
            if (h.status() != HostResult.Status.FAILED) {
                hosts.add(h);
                continue;
            }
            HostPlan plan = plans.get(h.address());
            try {
                hosts.add(h.withLog(write(h, plan)));
            } catch (IOException e) {
                if (!warned) {
                    err.println("cbagent: warning: cannot write the failed hosts' logs into " + dir + ": "
                            + e.getMessage());
                    warned = true;
                }
                hosts.add(h);
            }
        }
        return new FleetReport(hosts, report.stoppedNote());
    }

    private Path write(HostResult h, HostPlan plan) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another thread or run made it
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
        Path file = dir.resolve(fileName(h.address()) + ".log");
        StringBuilder text = new StringBuilder();
        text.append("host: ").append(h.address()).append('\n');
        text.append("hostname: ").append(h.hostname() == null ? "-" : h.hostname()).append('\n');
        text.append("status: ").append(h.status().word()).append('\n');
        text.append("step: ").append(h.step()).append('\n');
        text.append("exit code: ").append(h.exitCode() == null ? "-" : h.exitCode()).append('\n');
        text.append("error: ").append(h.error() == null ? "-" : h.error()).append('\n');
        text.append("duration: ").append(h.durationMs()).append(" ms\n");
        if (h.output() != null) {
            text.append("\n--- what the installer printed (its last 64 KiB; secrets masked) ---\n")
                    .append(h.output().stripTrailing()).append('\n');
        } else {
            text.append("\n(the installer did not run on this host, or printed nothing)\n");
        }
        String safe = plan == null ? text.toString() : plan.redactor().redact(text.toString());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, safe, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }

    /** A host label as a file name: {@code [::1]:2200} becomes {@code _--1_-2200}; letters, digits, . _ - stay. */
    static String fileName(String label) {
        String name = label.replace(':', '-').replaceAll("[^A-Za-z0-9._-]", "_");
        return name.startsWith(".") ? "_" + name : name;
    }
}
