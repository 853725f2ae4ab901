package dev.cbagent.error;

/** The process exit codes of DESIGN.md "Exit codes"; scripts and config-management tools rely on them. */
public enum ExitCode {
    OK(0, "ok"),
    INTERNAL(1, "internal-error"),
    INVALID_INPUT(2, "invalid-input"),
    INSTALLER_FAILED(3, "installer-failed"),
    REGISTER_TOOL_FAILED(4, "register-tool-failed"),
    VERIFICATION_FAILED(5, "not-confirmed"),
    SERVER_UNAVAILABLE(6, "server-unavailable"),
    FLEET_HOST_FAILED(7, "host-failed"),
    IDENTITY_CONFLICT(8, "identity-conflict"),
    REBOOT_REQUIRED(10, "reboot-required");

    private final int code;
    private final String word;

    ExitCode(int code, String word) {
        this.code = code;
        this.word = word;
    }

    public int code() {
        return code;
    }

    /** The JSON results' {@code error.code} for a failure with this exit code, when nothing more precise applies. */
    public String word() {
        return word;
    }
}
