package dev.cbagent.platform;

/** Facts about the machine cbagent runs on, as the vendor's agent would see them. */
public interface Platform {

    /** The machine name the agent reports to the management server (what {@code verify} looks for). */
    String hostname();

    /** Whether this process runs as root (Linux, macOS) or as an elevated Administrator (Windows). */
    boolean isPrivileged();

    /** {@code "windows"} or {@code "linux"} (any other POSIX system counts as {@code "linux"}). */
    String currentOs();

    /** The platform of this machine, read through the operating system's own libraries. */
    static Platform current() {
        return new NativePlatform(System.getProperty("os.name", ""));
    }
}
