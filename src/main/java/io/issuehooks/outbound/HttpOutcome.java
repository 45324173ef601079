package io.issuehooks.outbound;

import java.time.Duration;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.apache.hc.client5.http.utils.DateUtils;

/**
 * What one delivery attempt produced.
 *
 * @param statusCode      the HTTP status, 0 when no response arrived
 * @param error           null whenever a response arrived (whatever its status); otherwise a one-line reason
 * @param responseExcerpt at most the first {@value #EXCERPT_LIMIT} bytes of the response body as UTF-8, malformed
 *                        sequences replaced; null when no response arrived
 * @param durationMillis  from the start of the attempt until the outcome was known
 * @param retryAfter      from a valid {@code Retry-After} header (zero for a date in the past), else null
 */
public record HttpOutcome(int statusCode, String error, String responseExcerpt, long durationMillis,
                          Duration retryAfter) {

    public static final int EXCERPT_LIMIT = 4096;

    /** HttpClient's own asctime formatter carries no zone, so it never yields an Instant; asctime is GMT. */
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    public static HttpOutcome response(int statusCode, String responseExcerpt, long durationMillis,
                                       Duration retryAfter) {
        return new HttpOutcome(statusCode, null, responseExcerpt, durationMillis, retryAfter);
    }

    public static HttpOutcome failure(String error, long durationMillis) {
        return new HttpOutcome(0, error, null, durationMillis, null);
    }

    public boolean success() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** RFC 9110 Retry-After: delta-seconds or an HTTP-date (IMF-fixdate, RFC 850 or asctime); null if invalid. */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        if (text.matches("\\d{1,18}")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Instant date = DateUtils.parseStandardDate(text);
        if (date == null) {
            try {
                date = Instant.from(ASCTIME.parse(text.replaceAll(" +", " ")));
            } catch (DateTimeException e) {
                return null;
            }
        }
        Duration delay = Duration.between(now, date);
        return delay.isNegative() ? Duration.ZERO : delay;
    }
}
