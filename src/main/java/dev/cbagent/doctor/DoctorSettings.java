package dev.cbagent.doctor;

import java.time.Duration;

/**
 * How hard the doctor tries.
 *
 * @param timeout per connection attempt and per answer; the whole run ends after {@link #deadline()}
 * @param zmqPort the management server's zmq port the agent connects to (DIGEST 3.2)
 */
public record DoctorSettings(Duration timeout, int zmqPort) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    public DoctorSettings {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (zmqPort < 1 || zmqPort > 65535) {
            throw new IllegalArgumentException("zmqPort must be 1..65535");
        }
    }

    public static DoctorSettings defaults() {
        return new DoctorSettings(DEFAULT_TIMEOUT, ServerTarget.DEFAULT_ZMQ_PORT);
    }

    /** When checks still running are given up: two timeouts and two seconds from the start. */
    public Duration deadline() {
        return timeout.multipliedBy(2).plusSeconds(2);
    }
}
