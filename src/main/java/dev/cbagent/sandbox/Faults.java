package dev.cbagent.sandbox;

/**
 * Fault switches a sandbox starts with; the same names are set at runtime with {@code POST /sandbox/v1/faults}.
 *
 * @param fail503       the next N API requests ({@code /idp/token}, {@code /api/...}) answer 503
 * @param slowMs        every answer waits this long first
 * @param appearAfterMs a registered machine becomes visible only this long after registering
 * @param onlineAfterMs a registered machine's {@code is_online} turns 1 only this long after registering
 * @param neverOnline   {@code is_online} stays 0
 */
public record Faults(int fail503, long slowMs, long appearAfterMs, long onlineAfterMs, boolean neverOnline) {
    public Faults {
        if (fail503 < 0 || slowMs < 0 || appearAfterMs < 0 || onlineAfterMs < 0) {
            throw new IllegalArgumentException("fault values must not be negative");
        }
    }

    public static Faults none() {
        return new Faults(0, 0, 0, 0, false);
    }

    public Faults withFail503(int count) {
        return new Faults(count, slowMs, appearAfterMs, onlineAfterMs, neverOnline);
    }

    public Faults withSlowMs(long ms) {
        return new Faults(fail503, ms, appearAfterMs, onlineAfterMs, neverOnline);
    }

    public Faults withAppearAfterMs(long ms) {
        return new Faults(fail503, slowMs, ms, onlineAfterMs, neverOnline);
    }

    public Faults withOnlineAfterMs(long ms) {
        return new Faults(fail503, slowMs, appearAfterMs, ms, neverOnline);
    }

    public Faults withNeverOnline(boolean never) {
        return new Faults(fail503, slowMs, appearAfterMs, onlineAfterMs, never);
    }
}
