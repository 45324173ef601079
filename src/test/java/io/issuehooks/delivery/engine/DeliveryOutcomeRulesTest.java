package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.delivery.store.DeliveryStatus;
import io.issuehooks.outbound.HttpOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one attempt's outcome makes of its delivery: done, failed for good, or another attempt after a wait. */
class DeliveryOutcomeRulesTest {

    final RetrySchedule schedule = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(10), Duration.ofMinutes(5)),
            Duration.ofMinutes(1));

    static HttpOutcome status(int code) {
        return HttpOutcome.response(code, "", 5, null);
    }

    @Test
    void aTwoHundredSomethingSucceedsWithNoFurtherAttempt() {
        for (int code : new int[] {200, 202, 204, 299}) {
            Duration wait = OutcomeRecorder.nextWait(status(code), true, schedule, 0);
            assertThat(wait).as("HTTP %d", code).isNull();
            assertThat(OutcomeRecorder.status(status(code), wait)).isEqualTo(DeliveryStatus.SUCCEEDED);
        }
    }

    @Test
    void otherAnswersAndNetworkFailuresAreRetriedOnTheScheduleUntilItEnds() {
        for (HttpOutcome failed : new HttpOutcome[] {status(500), status(404), status(301), status(199),
                HttpOutcome.failure("connect timed out", 2000), HttpOutcome.failure("refused destination 10.0.0.1", 0)}) {
            Duration first = OutcomeRecorder.nextWait(failed, true, schedule, 0);
            assertThat(first).as(failed.toString()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
            assertThat(OutcomeRecorder.status(failed, first)).isEqualTo(DeliveryStatus.PENDING);
            assertThat(OutcomeRecorder.nextWait(failed, true, schedule, 1)).isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330));
            Duration last = OutcomeRecorder.nextWait(failed, true, schedule, 2);
            assertThat(last).as("after the schedule's last attempt").isNull();
            assertThat(OutcomeRecorder.status(failed, last)).isEqualTo(DeliveryStatus.FAILED);
        }
    }

    @Test
    void goneIsFinalAndATestEventIsNeverRetried() {
        assertThat(OutcomeRecorder.nextWait(status(410), true, schedule, 0)).isNull();
        assertThat(OutcomeRecorder.status(status(410), null)).isEqualTo(DeliveryStatus.FAILED);
        assertThat(OutcomeRecorder.nextWait(status(500), false, schedule, 0)).isNull();
    }

    @Test
    void retryAfterIsHonouredOnlyFor429And503AndOnlyUpToTheCap() {
        HttpOutcome busy = HttpOutcome.response(503, "", 5, Duration.ofSeconds(40));
        assertThat(OutcomeRecorder.nextWait(busy, true, schedule, 0)).isEqualTo(Duration.ofSeconds(40));
        assertThat(OutcomeRecorder.nextWait(HttpOutcome.response(429, "", 5, Duration.ofHours(3)), true, schedule, 0))
                .as("capped at ISSUEHOOKS_RETRY_AFTER_MAX").isEqualTo(Duration.ofMinutes(1));
        assertThat(OutcomeRecorder.nextWait(HttpOutcome.response(500, "", 5, Duration.ofSeconds(40)), true, schedule, 0))
                .as("a 500's Retry-After is not a request to wait").isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
        assertThat(OutcomeRecorder.nextWait(HttpOutcome.response(503, "", 5, Duration.ofSeconds(1)), true, schedule, 0))
                .as("never sooner than the schedule").isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
    }
}
