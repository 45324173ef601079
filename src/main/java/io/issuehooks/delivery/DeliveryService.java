package io.issuehooks.delivery;

import io.issuehooks.outbound.WebhookHttpClient;
import io.issuehooks.outbound.HttpOutcome;
import io.issuehooks.platform.Times;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes the attempts a delivery message asks for: reads the deliveries and their webhooks (outside the
 * transaction), signs the payload with each webhook's current secrets, sends the requests concurrently, and hands
 * the outcomes to the {@link DeliveryLog}.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class.getName());

    @Inject
    DeliveryStore store;

    @Inject
    WebhookHttpClient http;

    @Inject
    DeliveryLog log;

    @Inject
    DeliverySettings settings;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/issuehooks-delivery")
    ManagedExecutorService senders;

    /** Within the transaction that consumed the message. */
    public void attempt(DeliveryMessage message) {
        List<DeliveryMessage.Attempt> attempts = message.attempts();
        Map<UUID, DeliveryStore.Target> targets = store.targets(attempts.stream().map(DeliveryMessage.Attempt::deliveryId).toList());
        List<UUID> unseen = attempts.stream().filter(a -> !targets.containsKey(a.deliveryId()))
                .map(DeliveryMessage.Attempt::webhookId).distinct().toList();
        if (!unseen.isEmpty() && store.anyWebhookExists(unseen)) {
            // The fan-out committed the message before the delivery rows became visible here (the two resources of
            // an XA transaction commit one after the other): roll back and let the broker hand it out again.
            throw new IllegalStateException("Deliveries of webhooks " + unseen + " are not visible yet");
        }
        List<DeliveryMessage.Attempt> due = new ArrayList<>();
        for (DeliveryMessage.Attempt a : attempts) {
            DeliveryStore.Target t = targets.get(a.deliveryId());
            if (t == null || t.status() != DeliveryStatus.PENDING || t.attempts() != a.number() - 1) {
                continue; // webhook deleted, or a stale or duplicate message: that attempt was already recorded
            }
            if (!t.enabled()) {
                log.abandon(a, "Not sent: the webhook is disabled" + (t.disabledReason() == null ? "" : " (" + t.disabledReason() + ")"));
            } else {
                due.add(a);
            }
        }
        if (!due.isEmpty()) {
            log.record(message, sendAll(message, due, targets), true, true);
        }
    }

    private List<DeliveryLog.Sent> sendAll(DeliveryMessage message, List<DeliveryMessage.Attempt> due,
            Map<UUID, DeliveryStore.Target> targets) {
        if (due.size() == 1) {
            return List.of(sendSafely(message, due.get(0), targets.get(due.get(0).deliveryId())));
        }
        List<Future<DeliveryLog.Sent>> pending = new ArrayList<>();
        for (DeliveryMessage.Attempt a : due) {
            pending.add(senders.submit(() -> sendSafely(message, a, targets.get(a.deliveryId()))));
        }
        List<DeliveryLog.Sent> sent = new ArrayList<>();
        try {
            for (Future<DeliveryLog.Sent> f : pending) {
                sent.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending deliveries", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A delivery could not be sent", e.getCause());
        }
        return sent;
    }

    /**
     * One attempt's bug must not resend a whole message to every endpoint that already answered: it is that
     * attempt's failure, logged, recorded and retried like any other.
     */
    private DeliveryLog.Sent sendSafely(DeliveryMessage message, DeliveryMessage.Attempt attempt, DeliveryStore.Target target) {
        try {
            return send(message, attempt, target);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sending delivery " + attempt.deliveryId() + " failed", e);
            return new DeliveryLog.Sent(attempt, target, Times.now(), SignedRequest.unsent(),
                    HttpOutcome.failure("internal error while sending: " + e, 0));
        }
    }

    /** Signs and sends one attempt; never throws for what the endpoint or the network does. */
    DeliveryLog.Sent send(DeliveryMessage message, DeliveryMessage.Attempt attempt, DeliveryStore.Target target) {
        Instant started = Times.now();
        SignedRequest request = SignedRequest.sign(message.payload(), attempt.deliveryId(), attempt.webhookId(),
                target.secret(), target.previousSecret(), started, settings.userAgent());
        HttpOutcome outcome = http.post(URI.create(target.url()), request.headers(), request.body());
        return new DeliveryLog.Sent(attempt, target, started, request, outcome);
    }
}
