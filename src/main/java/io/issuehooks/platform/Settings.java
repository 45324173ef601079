package io.issuehooks.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's settings, read from the environment or from system properties of the same meaning
 * ({@code ISSUEHOOKS_RETRY_SCHEDULE} or {@code -Dissuehooks.retry.schedule}); a system property wins, as an
 * explicit {@code -D} on the command line is the more deliberate choice. docs/configuration.md lists them.
 */
@ApplicationScoped
public class Settings {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    public Optional<String> get(String name) {
        String value = System.getProperty(propertyName(name));
        if (value == null) {
            value = System.getenv(name);
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    public Duration duration(String name, Duration fallback) {
        return get(name).map(v -> parseDuration(name, v)).orElse(fallback);
    }

    public int integer(String name, int fallback) {
        return get(name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(name + " must be a whole number, not '" + v + "'");
            }
        }).orElse(fallback);
    }

    public List<Duration> durations(String name, List<Duration> fallback) {
        return get(name).map(v -> parseDurations(name, v)).orElse(fallback);
    }

    static String propertyName(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** {@code 500ms}, {@code 5s}, {@code 30m}, {@code 2h}, {@code 5d}. */
    public static Duration parseDuration(String name, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalStateException(name + ": '" + text + "' is not a duration such as 500ms, 5s, 30m, 2h or 5d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The shortest way to write a duration in the settings' own notation: 0s, 500ms, 5s, 5m, 2h, 5d. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }

    public static List<Duration> parseDurations(String name, String text) {
        List<Duration> result = new ArrayList<>();
        for (String part : text.split(",")) {
            result.add(parseDuration(name, part));
        }
        return List.copyOf(result);
    }
}
