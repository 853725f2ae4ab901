package dev.cbagent.fleet;

/**
 * How one host ended, as the report shows it.
 *
 * @param address    the host as the list names it
 * @param hostname   the name on the management server (null if it could not be learned)
 * @param status     registered, unchanged or failed
 * @param changed    whether this run (or the run it resumed) installed anything on it
 * @param step       the failed step, else the last step done
 * @param exitCode   the installer's exit code, when it ran
 * @param error      why it failed (no secrets)
 * @param resourceId the management server's resource id, when confirmed
 * @param durationMs time spent on the host in this run
 * @param protection what the profile's {@code protection:} section did; null when it has none (or it did not run)
 */
public record HostResult(String address, String hostname, Status status, boolean changed, String step,
                         Integer exitCode, String error, String resourceId, long durationMs, HostProtection protection) {
    public HostResult(String address, String hostname, Status status, boolean changed, String step,
                      Integer exitCode, String error, String resourceId, long durationMs) {
        this(address, hostname, status, changed, step, exitCode, error, resourceId, durationMs, null);
    }

    public enum Status {
        REGISTERED, UNCHANGED, FAILED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean ok() {
        return status != Status.FAILED;
    }
}
