package io.issuehooks.delivery;

import io.issuehooks.platform.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes one attempt of a delivery: reads its webhook (outside the transaction), signs the payload with the
 * webhook's current secrets, sends it, and hands the outcome to the {@link DeliveryLog}.
 */
@ApplicationScoped
public class DeliveryService {

    @Inject
    DeliveryTargets targets;

    @Inject
    WebhookHttpClient http;

    @Inject
    DeliveryLog log;

    @Inject
    DeliverySettings settings;

    /** Within the transaction that consumed the message asking for this attempt. */
    public void attempt(DeliveryMessage message) {
        Optional<DeliveryTargets.Target> found = targets.load(message.deliveryId());
        if (found.isEmpty()) {
            if (targets.webhookExists(message.webhookId())) {
                // The fan-out committed the message before its delivery row became visible here (the two
                // resources of an XA transaction commit one after the other): roll back and let the broker retry.
                throw new IllegalStateException("Delivery " + message.deliveryId() + " is not visible yet");
            }
            return; // the webhook, and its deliveries with it, was deleted
        }
        DeliveryTargets.Target target = found.get();
        if (target.status() != DeliveryStatus.PENDING || target.attempts() != message.attempt() - 1) {
            return; // a stale or duplicate message: that attempt was already recorded
        }
        if (!target.enabled()) {
            log.abandon(message, "Not sent: the webhook is disabled"
                    + (target.disabledReason() == null ? "" : " (" + target.disabledReason() + ")"));
            return;
        }
        log.record(message, send(message, target), true);
    }

    /** Signs and sends; never throws for what the endpoint or the network does. */
    DeliveryLog.Sent send(DeliveryMessage message, DeliveryTargets.Target target) {
        Instant started = Times.now();
        SignedRequest request = SignedRequest.sign(message.payload(), message.deliveryId(), target.webhookId(),
                target.secret(), target.previousSecret(), started, settings.userAgent());
        HttpOutcome outcome = http.post(URI.create(target.url()), request.headers(), request.body());
        return new DeliveryLog.Sent(started, request, outcome);
    }
}
