package dev.cbagent.fleet;

import java.nio.file.Path;
import java.util.List;

/**
 * How one host ended, as the report shows it.
 *
 * @param address    the host as the list names it
 * @param hostname   the name on the management server (null if it could not be learned)
 * @param status     registered, unchanged, installed (a stopped run: not confirmed yet) or failed
 *                   ({@code fleet run}); registered, offline, missing or conflict ({@code fleet status}); planned
 *                   ({@code fleet run --dry-run})
 * @param changed    whether this run (or the run it resumed) installed anything on it
 * @param step       the failed step, else the last step done
 * @param exitCode   the installer's exit code, when it ran
 * @param error      why it failed (no secrets)
 * @param resourceId the management server's resource id, when confirmed
 * @param durationMs time spent on the host in this run
 * @param protection what the profile's {@code protection:} section did; null when it has none (or it did not run)
 * @param argv       a dry run: the masked command line that would run on the host; else null
 * @param server     a dry run: what the API knows of the host's name (registered, offline, missing, conflict,
 *                   unknown); else null
 * @param output     what the installer printed when it failed (its last 64 KiB, masked); null when it did not run
 * @param log        the host's local log file (failed hosts); null when none was written
 * @param rebootRequired the installer succeeded with one of its reboot exit codes in this run
 * @param route      how the host is reached ({@code ssh+sh}, {@code ssh+powershell}); null when not known
 */
public record HostResult(String address, String hostname, Status status, boolean changed, String step,
                         Integer exitCode, String error, String resourceId, long durationMs, HostProtection protection,
                         List<String> argv, String server, String output, Path log, boolean rebootRequired,
                         String route) {
    public HostResult {
        argv = argv == null ? null : List.copyOf(argv);
    }

    public HostResult(String address, String hostname, Status status, boolean changed, String step,
                      Integer exitCode, String error, String resourceId, long durationMs, HostProtection protection,
                      List<String> argv, String server, String output, Path log) {
        this(address, hostname, status, changed, step, exitCode, error, resourceId, durationMs, protection, argv,
                server, output, log, false, null);
    }

    public HostResult(String address, String hostname, Status status, boolean changed, String step,
                      Integer exitCode, String error, String resourceId, long durationMs, HostProtection protection,
                      List<String> argv, String server) {
        this(address, hostname, status, changed, step, exitCode, error, resourceId, durationMs, protection, argv,
                server, null, null);
    }

    public HostResult(String address, String hostname, Status status, boolean changed, String step,
                      Integer exitCode, String error, String resourceId, long durationMs, HostProtection protection) {
        this(address, hostname, status, changed, step, exitCode, error, resourceId, durationMs, protection, null, null);
    }

    public HostResult(String address, String hostname, Status status, boolean changed, String step,
                      Integer exitCode, String error, String resourceId, long durationMs) {
        this(address, hostname, status, changed, step, exitCode, error, resourceId, durationMs, null);
    }

    public enum Status {
        REGISTERED, UNCHANGED, INSTALLED, FAILED, OFFLINE, MISSING, CONFLICT, PLANNED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether a host in this state needs no attention (an installed host still needs its confirmation). */
        boolean ok() {
            return this == REGISTERED || this == UNCHANGED || this == PLANNED;
        }
    }

    public boolean ok() {
        return status.ok();
    }

    public HostResult withOutput(String installerOutput) {
        return new HostResult(address, hostname, status, changed, step, exitCode, error, resourceId, durationMs,
                protection, argv, server, installerOutput, log, rebootRequired, route);
    }

    public HostResult withLog(Path file) {
        return new HostResult(address, hostname, status, changed, step, exitCode, error, resourceId, durationMs,
                protection, argv, server, output, file, rebootRequired, route);
    }

    public HostResult withReboot(boolean required, String how) {
        return new HostResult(address, hostname, status, changed, step, exitCode, error, resourceId, durationMs,
                protection, argv, server, output, log, required, how);
    }

    /** The last {@code n} non-blank lines of the installer's output (masked), oldest first, printable. */
    public List<String> lastLines(int n) {
        return dev.cbagent.exec.OutputTail.lastLines(output, n);
    }
}
