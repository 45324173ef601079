package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.outbound.HttpOutcome;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookLanesTest {

    static final long S = 1_000_000_000L;
    final UUID hook = UUID.randomUUID();
    final WebhookLanes lanes = new WebhookLanes(2, Duration.ofSeconds(30));

    @Test
    void aSlowWebhookGetsAtMostItsConcurrencyAtOnceAndAPlaceFreesWhenAnAttemptEnds() {
        lanes.admit(hook, null, false, 0);
        lanes.release(hook, HttpOutcome.response(200, "", 2500, null), 0); // slow from now on
        assertThat(lanes.admit(hook, null, false, 0).admitted()).isTrue();
        assertThat(lanes.admit(hook, null, false, 0).admitted()).isTrue();
        WebhookLanes.Admission third = lanes.admit(hook, null, false, 0);
        assertThat(third.admitted()).isFalse();
        assertThat(third.delay()).isGreaterThanOrEqualTo(WebhookLanes.MIN_DEFERRAL);

        lanes.release(hook, HttpOutcome.response(200, "", 2500, null), 0);

        assertThat(lanes.admit(hook, null, false, 0).admitted()).isTrue();
        assertThat(lanes.admit(UUID.randomUUID(), null, false, 0).admitted()).as("other webhooks are not held back").isTrue();
    }

    @Test
    void aFastWebhookIsNeverHeldBackHoweverManyAttemptsItHas() {
        for (int i = 0; i < 50; i++) {
            assertThat(lanes.admit(hook, null, false, 0).admitted()).isTrue();
        }
        assertThat(lanes.congested(hook, 0)).isFalse();
    }

    @Test
    void aRateLimitSpacesAttemptsEvenlyAndReservesTheTurnOfEachDeferredOne() {
        assertThat(lanes.admit(hook, 5, false, 0).admitted()).isTrue();
        lanes.release(hook, HttpOutcome.response(204, "", 5, null), 0);

        WebhookLanes.Admission second = lanes.admit(hook, 5, false, S / 10);
        WebhookLanes.Admission third = lanes.admit(hook, 5, false, S / 10);

        assertThat(second.admitted()).isFalse();
        assertThat(second.delay()).isEqualTo(Duration.ofMillis(100)); // its turn: 200 ms after the first
        assertThat(second.paced()).isTrue();
        assertThat(third.delay()).isEqualTo(Duration.ofMillis(300)); // the turn after that one
        assertThat(lanes.admit(hook, 5, true, S / 5).admitted()).as("a paced attempt comes back at its turn").isTrue();
    }

    @Test
    void a429PausesTheWebhookForItsRetryAfterUpToTheCap() {
        assertThat(lanes.admit(hook, null, false, 0).admitted()).isTrue();
        lanes.release(hook, HttpOutcome.response(429, "", 5, Duration.ofSeconds(2)), 0);

        assertThat(lanes.admit(hook, null, false, S).delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(lanes.congested(hook, S)).isTrue();
        assertThat(lanes.admit(hook, null, false, 2 * S).admitted()).isTrue();

        lanes.release(hook, HttpOutcome.response(503, "", 5, Duration.ofHours(5)), 2 * S);
        assertThat(lanes.admit(hook, null, false, 2 * S).delay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void withoutRetryAfterA429PausesForASecond() {
        lanes.admit(hook, null, false, 0);
        lanes.release(hook, HttpOutcome.response(429, "", 5, null), 0);

        assertThat(lanes.admit(hook, null, false, 0).delay()).isEqualTo(WebhookLanes.DEFAULT_PAUSE);
    }

    @Test
    void aSlowEndpointTravelsApartAndAFastOneDoesNot() {
        UUID fast = UUID.randomUUID();
        lanes.admit(hook, null, false, 0);
        lanes.release(hook, HttpOutcome.response(200, "", 2500, null), 0);
        lanes.admit(fast, null, false, 0);
        lanes.release(fast, HttpOutcome.response(200, "", 3, null), 0);

        assertThat(lanes.congested(hook, 0)).isTrue();
        assertThat(lanes.congested(fast, 0)).isFalse();
        assertThat(lanes.congested(UUID.randomUUID(), 0)).as("never seen").isFalse();
    }
}
