package io.issuehooks.delivery.store;

import java.util.UUID;

/**
 * Attempt number {@code number} of a delivery, the {@code scheduleIndex}-th of its current run of retries: what a
 * delivery message asks for, and what an outcome is recorded against. If the delivery has meanwhile recorded that
 * attempt, a message asking for it is a stale duplicate and the attempt is skipped.
 */
public record PlannedAttempt(UUID deliveryId, UUID webhookId, int number, int scheduleIndex) {

    /** The next attempt of the same delivery, one step further along the retry schedule. */
    public PlannedAttempt retry() {
        return new PlannedAttempt(deliveryId, webhookId, number + 1, scheduleIndex + 1);
    }
}
