package io.issuehooks.platform;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the application's settings from MicroProfile Config. A setting is named by its property,
 * {@code issuehooks.retry.schedule}: a system property of that name, or else the environment variable MicroProfile
 * Config maps it to, {@code ISSUEHOOKS_RETRY_SCHEDULE} (docs/configuration.md). Values are trimmed and an empty
 * one is no value, so the caller's default applies ({@code .orElse(DEFAULT)}, the default's only place). A value
 * that does not convert stops the caller with an {@link IllegalStateException} that names the environment
 * variable and says what is expected.
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** {@code issuehooks.retry.schedule} → {@code ISSUEHOOKS_RETRY_SCHEDULE}, as MicroProfile Config maps it. */
    public static String environmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    public static Optional<String> text(Config config, String property) {
        return config.getOptionalValue(property, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** In the settings' notation ({@link Durations}), through {@link DurationConverter}. */
    public static Optional<Duration> duration(Config config, String property) {
        return converted(config, property, Duration.class);
    }

    /** Comma-separated durations, through {@link DurationListConverter}. */
    public static Optional<List<Duration>> durations(Config config, String property) {
        return converted(config, property, DurationList.class).map(DurationList::durations);
    }

    public static Optional<Integer> wholeNumber(Config config, String property) {
        try {
            return config.getOptionalValue(property, Integer.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(environmentVariable(property) + " must be a whole number, not '"
                    + raw(config, property) + "'", e);
        }
    }

    /**
     * {@code true} or {@code false} (any case), nothing else: MicroProfile Config's own conversion reads anything it
     * does not know as false, so a misspelt value would choose silently.
     */
    public static Optional<Boolean> truth(Config config, String property) {
        return text(config, property).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalStateException(environmentVariable(property) + " must be true or false, not '" + v + "'");
        });
    }

    private static <T> Optional<T> converted(Config config, String property, Class<T> type) {
        try {
            return config.getOptionalValue(property, type);
        } catch (IllegalArgumentException e) {
            // MicroProfile Config wraps the converter's exception in one of its own, which names the property
            // (issuehooks.retry.schedule) rather than the variable operators set: keep the converter's words.
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new IllegalStateException(environmentVariable(property) + ": " + cause.getMessage(), e);
        }
    }

    private static String raw(Config config, String property) {
        String value = config.getConfigValue(property).getValue();
        return value == null ? "" : value.trim();
    }
}
