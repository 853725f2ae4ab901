package dev.cbagent.fleet;

/** {@code --upload}: when the installer is copied to a host. */
public enum UploadMode {
    /** Unless a file with the same SHA-256 is already at the installer's path on the host. */
    AUTO,
    /** Always, into the run's private folder. */
    ALWAYS
}
