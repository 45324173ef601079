package io.issuehooks.delivery.engine;

import io.issuehooks.platform.ConfigValues;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When each attempt of a delivery is made: entry {@code n} is the wait before attempt {@code n + 1} (the first
 * entry, usually 0s, is the wait before the first; a redelivery an admin asks for is sent at once). Waits get up to 10% of jitter either way, so that retries of
 * many deliveries that failed together do not all come back at the same instant. A {@code Retry-After} the
 * endpoint sent with 429 or 503 is honoured, up to a cap.
 */
public record RetrySchedule(List<Duration> delays, Duration retryAfterCap) {

    /** The settings (MicroProfile Config properties, docs/configuration.md) and their defaults. */
    public static final String SETTING = "issuehooks.retry.schedule";
    /** Ten attempts, the last about three days (75.6 hours) after the first. */
    public static final List<Duration> DEFAULT = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14),
            Duration.ofHours(20), Duration.ofHours(24));
    public static final String RETRY_AFTER_CAP_SETTING = "issuehooks.retry.after.max";
    public static final Duration DEFAULT_RETRY_AFTER_CAP = Duration.ofHours(1);

    public RetrySchedule {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException(ConfigValues.environmentVariable(SETTING) + " must list at least one delay");
        }
        delays = List.copyOf(delays);
    }

    public int attempts() {
        return delays.size();
    }

    /** The wait before the attempt after {@code attemptsMade} attempts, or null when none is left. */
    public Duration next(int attemptsMade, Integer statusCode, Duration retryAfter) {
        if (attemptsMade >= delays.size()) {
            return null;
        }
        Duration wait = jitter(delays.get(attemptsMade));
        if (retryAfter != null && statusCode != null && (statusCode == 429 || statusCode == 503)) {
            Duration asked = retryAfter.compareTo(retryAfterCap) > 0 ? retryAfterCap : retryAfter;
            if (asked.compareTo(wait) > 0) {
                wait = asked;
            }
        }
        return wait;
    }

    static Duration jitter(Duration d) {
        long millis = d.toMillis();
        if (millis == 0) {
            return d;
        }
        long spread = millis / 10;
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(-spread, spread + 1));
    }
}
