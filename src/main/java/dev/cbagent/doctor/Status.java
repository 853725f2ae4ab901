package dev.cbagent.doctor;

/** How a preflight check ended: {@code ok}, {@code warn} (works, but look at it) or {@code FAIL} (will fail). */
public enum Status {
    OK("ok", "ok"),
    WARN("warn", "warn"),
    FAIL("FAIL", "fail");

    private final String label;
    private final String json;

    Status(String label, String json) {
        this.label = label;
        this.json = json;
    }

    /** The word in text output: {@code ok}, {@code warn}, {@code FAIL}. */
    public String label() {
        return label;
    }

    /** The word in JSON output: {@code ok}, {@code warn}, {@code fail}. */
    public String json() {
        return json;
    }
}
