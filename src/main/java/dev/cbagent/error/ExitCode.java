package dev.cbagent.error;

/** The process exit codes of DESIGN.md; scripts and config-management tools rely on them. */
public enum ExitCode {
    OK(0),
    INTERNAL(1),
    INVALID_INPUT(2),
    INSTALLER_FAILED(3),
    REGISTER_TOOL_FAILED(4),
    VERIFICATION_FAILED(5),
    SERVER_UNAVAILABLE(6),
    FLEET_HOST_FAILED(7),
    IDENTITY_CONFLICT(8),
    REBOOT_REQUIRED(10);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
