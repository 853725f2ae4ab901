package dev.cbagent.cli;

import dev.cbagent.text.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** Command-line durations written like profiles: 90s, 10m, 1h. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value).orElseThrow(() ->
                new TypeConversionException("'" + value + "' is not a duration (write it like 90s, 10m or 1h)"));
    }
}
