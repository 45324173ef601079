package io.issuehooks.platform;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Converts a setting to a {@link DurationList}: comma-separated durations in the settings' notation, blanks around
 * each entry ignored, an empty entry refused. Registered like {@link DurationConverter}; a blank value is no value.
 */
public class DurationListConverter implements Converter<DurationList> {

    private static final long serialVersionUID = 1L;

    @Override
    public DurationList convert(String value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        String text = value.trim();
        return text.isEmpty() ? null : new DurationList(Durations.parseList(text));
    }
}
