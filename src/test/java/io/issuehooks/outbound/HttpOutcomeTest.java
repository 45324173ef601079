package io.issuehooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class HttpOutcomeTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void parsesDeltaSeconds() {
        assertThat(HttpOutcome.parseRetryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(HttpOutcome.parseRetryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void parsesHttpDates() {
        assertThat(HttpOutcome.parseRetryAfter("Wed, 01 Jan 2025 12:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(HttpOutcome.parseRetryAfter("Wednesday, 01-Jan-25 12:00:10 GMT", NOW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(HttpOutcome.parseRetryAfter("Wed Jan  1 12:00:05 2025", NOW)).isEqualTo(Duration.ofSeconds(5));
        assertThat(HttpOutcome.parseRetryAfter("Wed, 01 Jan 2025 11:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresInvalidValues() {
        assertThat(HttpOutcome.parseRetryAfter(null, NOW)).isNull();
        assertThat(HttpOutcome.parseRetryAfter("", NOW)).isNull();
        assertThat(HttpOutcome.parseRetryAfter("-5", NOW)).isNull();
        assertThat(HttpOutcome.parseRetryAfter("1.5", NOW)).isNull();
        assertThat(HttpOutcome.parseRetryAfter("soon", NOW)).isNull();
        assertThat(HttpOutcome.parseRetryAfter("99999999999999999999", NOW)).isNull();
    }

    @Test
    void successIsAny2xx() {
        assertThat(HttpOutcome.response(200, "", 1, null).success()).isTrue();
        assertThat(HttpOutcome.response(299, "", 1, null).success()).isTrue();
        assertThat(HttpOutcome.response(199, "", 1, null).success()).isFalse();
        assertThat(HttpOutcome.response(302, "", 1, null).success()).isFalse();
        assertThat(HttpOutcome.failure("connection refused", 1).success()).isFalse();
        assertThat(HttpOutcome.failure("connection refused", 1).statusCode()).isZero();
    }
}
