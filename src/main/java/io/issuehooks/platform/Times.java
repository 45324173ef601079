package io.issuehooks.platform;

import io.issuehooks.contract.IssuePayload;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the API shows them: ISO-8601 UTC with exactly three fraction digits, the form JavaScript's
 * {@code Date.toISOString()} gives (the payload's own format, {@link IssuePayload#time}). Stored times are cut
 * to milliseconds so that what was written and what is read back are the same.
 */
public final class Times {

    private Times() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An instant a client gave (a body field or a query parameter), or a 400 naming the field. */
    public static Instant parse(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 UTC time such as 2026-01-31T00:00:00Z");
        }
    }

    public static String format(Instant instant) {
        return IssuePayload.time(instant);
    }

    /** An instant as JDBC binds a {@code timestamp with time zone} on PostgreSQL and H2 alike; null stays null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
