package io.issuehooks.platform;

import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Converts a setting to a {@link Duration} in the settings' own notation ({@link Durations}: 500ms, 5s, 30m, 2h,
 * 5d) rather than ISO-8601. Registered for the application's configuration by
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.Converter}. A blank value is no value: the
 * setting's default applies. The message of a malformed one says what is expected; {@link ConfigValues} adds the
 * setting's name.
 */
public class DurationConverter implements Converter<Duration> {

    private static final long serialVersionUID = 1L;

    @Override
    public Duration convert(String value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        return value.isBlank() ? null : Durations.parse(value);
    }
}
