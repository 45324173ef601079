package io.issuehooks.delivery.api;

import static io.issuehooks.contract.JsonSupport.JSON;

import io.issuehooks.contract.HistoryEntry;
import io.issuehooks.contract.IssueEventType;
import io.issuehooks.contract.IssuePayload;
import io.issuehooks.contract.IssueSnapshot;
import io.issuehooks.contract.TimeOrderedIds;
import io.issuehooks.delivery.engine.DeliveryMessage;
import io.issuehooks.delivery.engine.DeliveryQueue;
import io.issuehooks.delivery.engine.DeliveryService;
import io.issuehooks.delivery.engine.OutcomeRecorder;
import io.issuehooks.delivery.store.Delivery;
import io.issuehooks.delivery.store.DeliveryLogReader;
import io.issuehooks.delivery.store.DeliveryReader;
import io.issuehooks.delivery.store.DeliveryStatus;
import io.issuehooks.delivery.store.DeliveryWriter;
import io.issuehooks.delivery.store.IssueEventRecord;
import io.issuehooks.delivery.store.PlannedAttempt;
import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.Times;
import io.issuehooks.security.Caller;
import io.issuehooks.webhooks.Webhook;
import io.issuehooks.webhooks.WebhookRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What an organisation admin does with the delivery log: redeliver one, recover many, send a test event. */
@ApplicationScoped
public class ReplayService {

    /** At most this many deliveries are requeued by one recover request. */
    static final int RECOVER_LIMIT = 10_000;
    /** A pending delivery this late has lost its message; a busy server is never this far behind. */
    static final Duration OVERDUE = Duration.ofMinutes(5);

    @Inject
    WebhookRepository webhooks;

    @Inject
    DeliveryLogReader deliveries;

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliveryReader reader;

    @Inject
    DeliveryWriter writer;

    @Inject
    DeliveryService sender;

    @Inject
    OutcomeRecorder log;

    @Inject
    Caller caller;

    public Webhook webhook(UUID webhookId) {
        caller.requireOrganizationAdmin();
        return webhooks.find(caller.organizationId(), webhookId).orElseThrow(() -> ApiException.notFound("webhook", webhookId));
    }

    /**
     * Sends a delivery again, with a fresh run of retries and the same webhook-id: a finished one, or a pending one
     * whose next attempt is long overdue (its message was lost: removed from a dead-letter queue, say).
     */
    @Transactional
    public Delivery redeliver(UUID webhookId, UUID deliveryId) {
        Webhook webhook = webhook(webhookId);
        Delivery delivery = deliveries.findForUpdate(webhookId, deliveryId)
                .orElseThrow(() -> ApiException.notFound("delivery", deliveryId));
        if (!webhook.enabled()) {
            throw new ApiException(409, "The webhook is disabled; enable it, then redeliver", null);
        }
        if (delivery.status() == DeliveryStatus.PENDING && !overdue(delivery)) {
            throw new ApiException(409, "Delivery " + deliveryId + " is still pending; its next attempt is due at "
                    + Times.format(delivery.nextAttemptAt()), null);
        }
        requeue(delivery);
        return delivery;
    }

    /**
     * Redelivers every failed, skipped (made while the webhook was disabled) or long overdue delivery created from
     * {@code since} up to {@code until} (exclusive); answers how many.
     */
    @Transactional
    public int recover(UUID webhookId, Instant since, Instant until) {
        if (!webhook(webhookId).enabled()) {
            throw new ApiException(409, "The webhook is disabled; enable it, then recover", null);
        }
        List<Delivery> stuck = deliveries.failedOrOverdueSince(webhookId, since, until, Times.now().minus(OVERDUE), RECOVER_LIMIT);
        stuck.forEach(this::requeue);
        return stuck.size();
    }

    private static boolean overdue(Delivery delivery) {
        return delivery.nextAttemptAt() != null && delivery.nextAttemptAt().isBefore(Times.now().minus(OVERDUE));
    }

    private void requeue(Delivery delivery) {
        IssueEventRecord event = deliveries.event(delivery.eventId());
        writer.requeue(delivery.id());
        queue.send(List.of(DeliveryMessage.single(event.id(), event.issueId(), event.payload(),
                new PlannedAttempt(delivery.id(), delivery.webhookId(), delivery.attempts() + 1, 0))), Duration.ZERO);
    }

    /** The delivery a test sends: recorded like any other, so it shows in the log. */
    @Transactional
    public DeliveryMessage prepareTest(UUID webhookId, IssueEventType type) {
        Webhook webhook = webhook(webhookId);
        Instant now = Times.now();
        String issueId = TimeOrderedIds.next().toString();
        String userId = caller.accountId().toString();
        IssueSnapshot sample = new IssueSnapshot(issueId, "issuehooks:test", "open", "low",
                webhook.organizationId().toString(), webhook.teamId() == null ? null : webhook.teamId().toString(),
                null, null, now, now, "Test event from Issuehooks",
                List.of(new HistoryEntry(now, userId, IssueEventType.CREATED.wireName(), List.of())));
        String payload = IssuePayload.render(type, now, sample, JSON.createObjectBuilder().add("test", true).build(), userId);
        UUID eventId = TimeOrderedIds.next();
        PlannedAttempt attempt = new PlannedAttempt(TimeOrderedIds.next(), webhook.id(), 1, 0);
        writer.insertTestEvent(eventId, webhook.organizationId(), issueId, type.wireName(), payload, attempt);
        return DeliveryMessage.single(eventId, issueId, payload, attempt);
    }

    /** Sends a prepared test delivery now, once (no retries), outside any transaction, and records it. */
    public UUID sendTest(DeliveryMessage message) {
        PlannedAttempt attempt = message.attempts().get(0);
        DeliveryReader.Target target = reader.targets(List.of(attempt.deliveryId())).get(attempt.deliveryId());
        log.recordTest(message, sender.send(message, attempt, target));
        return attempt.deliveryId();
    }
}
