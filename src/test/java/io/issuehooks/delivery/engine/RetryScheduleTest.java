package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    final RetrySchedule schedule = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(10), Duration.ofMinutes(5)),
            Duration.ofMinutes(1));

    @Test
    void theDefaultIsTenAttemptsOverAboutThreeDays() {
        List<Duration> delays = RetrySchedule.DEFAULT;
        assertThat(delays).hasSize(10);
        assertThat(delays.stream().reduce(Duration.ZERO, Duration::plus)).isBetween(Duration.ofHours(72), Duration.ofHours(80));
    }

    @RepeatedTest(20)
    void waitsFollowTheScheduleWithinTenPercentJitter() {
        assertThat(schedule.next(1, 500, null)).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
        assertThat(schedule.next(2, null, null)).isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330));
    }

    @Test
    void thereIsNoWaitAfterTheLastAttempt() {
        assertThat(schedule.next(3, 500, null)).isNull();
    }

    @Test
    void retryAfterIsHonouredOnlyFor429And503AndOnlyUpToTheCap() {
        assertThat(schedule.next(1, 429, Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(40));
        assertThat(schedule.next(1, 503, Duration.ofHours(5))).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.next(1, 500, Duration.ofSeconds(40))).isLessThan(Duration.ofSeconds(12));
        assertThat(schedule.next(1, 429, Duration.ofSeconds(1))).as("never sooner than the schedule").isGreaterThan(Duration.ofSeconds(8));
    }
}
