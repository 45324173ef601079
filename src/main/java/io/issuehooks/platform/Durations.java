package io.issuehooks.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings' notation for durations, both ways: a number and a unit, {@code 500ms}, {@code 5s}, {@code 30m},
 * {@code 2h} or {@code 5d}, nothing else. MicroProfile Config reads it through {@link DurationConverter} and
 * {@link DurationListConverter}; the start-up report writes it with {@link #format}.
 */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /** One duration, surrounding blanks ignored; an {@link IllegalArgumentException} saying what is expected. */
    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } catch (NumberFormatException | ArithmeticException tooLarge) {
                // falls through to the same answer as any other malformed value
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 5s, 30m, 2h or 5d");
    }

    /** Comma-separated durations; an empty entry is refused like any other malformed one. */
    static List<Duration> parseList(String text) {
        List<Duration> result = new ArrayList<>();
        for (String part : text.split(",")) {
            result.add(parse(part));
        }
        return List.copyOf(result);
    }

    /** The shortest way to write a duration in this notation: 0s, 500ms, 5s, 5m, 2h, 5d. */
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
}
