package io.issuehooks.delivery.engine;

import io.issuehooks.contract.TimeOrderedIds;
import io.issuehooks.delivery.store.DeliveryReader;
import io.issuehooks.delivery.store.PlannedAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * How fan-out sends an event's first attempts, one new delivery per target webhook: a disabled webhook's is
 * recorded as skipped and sent in no message; a failing or congested webhook's goes in a message of its own
 * ({@link DeliveryMessage#isolated}), so that it holds back no other webhook; the healthy webhooks' travel
 * together, up to {@value #BATCH} in a message ({@link DeliveryMessage#batch}). Isolated messages come first,
 * each in the order of the targets, then the batches. No I/O: {@link FanOutService} records and queues the result.
 */
final class FirstAttempts {

    /** The most first attempts in one message. */
    static final int BATCH = 50;

    /** The messages to queue, and the attempts to record as skipped. */
    record Split(List<DeliveryMessage> messages, List<PlannedAttempt> skipped) {
    }

    private FirstAttempts() {
    }

    /**
     * Splits the first attempts of an event ({@code orderKey}: its issue, or the webhook an operational event is
     * about) to {@code targets}. {@code congested} (this node's {@link WebhookLanes}) is asked only about enabled
     * webhooks that are not failing.
     */
    static Split split(UUID eventId, String orderKey, String payload, List<DeliveryReader.Subscriber> targets,
            Predicate<UUID> congested) {
        List<PlannedAttempt> healthy = new ArrayList<>();
        List<PlannedAttempt> skipped = new ArrayList<>();
        List<DeliveryMessage> messages = new ArrayList<>();
        for (DeliveryReader.Subscriber webhook : targets) {
            PlannedAttempt first = new PlannedAttempt(TimeOrderedIds.next(), webhook.id(), 1, 0);
            if (!webhook.enabled()) {
                skipped.add(first); // recorded, not sent: recover sends it once the webhook is enabled again
            } else if (webhook.failing() || congested.test(webhook.id())) {
                messages.add(DeliveryMessage.isolated(eventId, orderKey, payload, first));
            } else {
                healthy.add(first);
            }
        }
        for (int i = 0; i < healthy.size(); i += BATCH) {
            messages.add(DeliveryMessage.batch(eventId, orderKey, payload, healthy.subList(i, Math.min(healthy.size(), i + BATCH))));
        }
        return new Split(messages, skipped);
    }
}
