package dev.cbagent.plan;

/**
 * One vendor option in a dialect file: {@code flag}, an optional {@code value} template of profile key paths
 * ({@code "{registration.token}"}, {@code "{proxy.address:host}"}, constant text) and an optional {@code when}.
 * Without a value the option is a switch.
 */
public record OptionSpec(String flag, String value, String when) {
}
