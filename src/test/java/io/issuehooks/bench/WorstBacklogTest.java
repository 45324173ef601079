package io.issuehooks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's verdict on a soak that fell behind in its middle and caught up before its end. */
class WorstBacklogTest {

    @Test
    void aRunThatFellMinutesBehindInItsMiddleHasNotKeptUpThoughItsEndLooksFine() {
        WorstBacklog worst = new WorstBacklog();
        worst.note(10, 0, 3);
        worst.note(730, 18_174, 237);
        worst.note(870, 0, 3_294);
        worst.note(900, 2, 0);

        assertThat(worst.within(400, 1)).isFalse();
        assertThat(worst).hasToString("at the 10-s readings at most 18174 API calls waiting (730 s) and 3294 deliveries on their way (870 s)");
    }

    @Test
    void aRunWithinFiveSecondsWorthAtEveryReadingHasKeptUp() {
        WorstBacklog worst = new WorstBacklog();
        worst.note(10, 434, 14);
        worst.note(20, 3, -2); // a delivery counted before its call's answer: never worse than none
        worst.note(30, 2_000, 2_000);

        assertThat(worst.within(400, 1)).isTrue();
        assertThat(worst.within(200, 2)).isFalse();
        assertThat(worst.within(399, 1)).isFalse();
        assertThat(worst).hasToString("at the 10-s readings at most 2000 API calls waiting (30 s) and 2000 deliveries on their way (30 s)");
    }
}
