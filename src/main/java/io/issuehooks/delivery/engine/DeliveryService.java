package io.issuehooks.delivery.engine;

import io.issuehooks.delivery.store.DeliveryOutbox;
import io.issuehooks.delivery.store.DeliveryReader;
import io.issuehooks.delivery.store.DeliveryStatus;
import io.issuehooks.delivery.store.DeliveryWriter;
import io.issuehooks.delivery.store.PlannedAttempt;
import io.issuehooks.outbound.HttpOutcome;
import io.issuehooks.outbound.WebhookHttpClient;
import io.issuehooks.platform.Times;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes the attempts a delivery message asks for: reads the deliveries and their webhooks (outside the
 * transaction), signs the payload with each webhook's current secrets, sends the requests concurrently, and hands
 * the outcomes to the {@link OutcomeRecorder}.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class.getName());

    @Inject
    DeliveryReader reader;

    @Inject
    DeliveryWriter writer;

    @Inject
    WebhookHttpClient http;

    @Inject
    OutcomeRecorder log;

    @Inject
    DeliverySettings settings;

    @Inject
    DeliveryQueue queue;

    @Inject
    WebhookLanes lanes;

    @Inject
    DeliveryMetrics metrics;

    @Inject
    DeliveryOutbox outbox;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/issuehooks-delivery")
    ManagedExecutorService senders;

    private static final HttpOutcome NOT_SENT_IN_TIME =
            HttpOutcome.failure("not sent in time: every sender thread was busy (ISSUEHOOKS_SENDER_THREADS)", 0);

    /**
     * Outside any transaction: the message is acknowledged when this returns, after the outcomes are recorded
     * ({@link OutcomeRecorder}). Anything thrown makes the broker hand the message out again after its redelivery delay.
     */
    public void attempt(DeliveryMessage message, long queuedAtMillis) {
        attempt(message, queuedAtMillis, false);
    }

    /**
     * {@link #attempt(DeliveryMessage, long)}; {@code inOutbox}: the message was not relayed, its row is still in the
     * deliveries' outbox ({@link DirectDelivery}), and goes with the message's outcomes, or on its own if there are none.
     */
    public void attempt(DeliveryMessage message, long queuedAtMillis, boolean inOutbox) {
        List<PlannedAttempt> attempts = message.attempts();
        Map<UUID, DeliveryReader.Target> targets = reader.targets(attempts.stream().map(PlannedAttempt::deliveryId).toList());
        List<UUID> unseen = attempts.stream().filter(a -> !targets.containsKey(a.deliveryId()))
                .map(PlannedAttempt::webhookId).distinct().toList();
        if (!unseen.isEmpty() && reader.anyWebhookExists(unseen)) {
            // The database commits before the broker does (it is the transaction's commit-markable resource), so a
            // message never arrives before its rows; if it does all the same, wait for them rather than drop it.
            throw new IllegalStateException("Deliveries of webhooks " + unseen + " are not visible yet");
        }
        List<PlannedAttempt> due = new ArrayList<>();
        long now = System.nanoTime();
        for (PlannedAttempt a : attempts) {
            DeliveryReader.Target t = targets.get(a.deliveryId());
            if (t == null || t.status() != DeliveryStatus.PENDING || t.attempts() >= a.number()) {
                continue; // webhook deleted, or a stale or duplicate message: that attempt was already recorded
            }
            if (t.attempts() < a.number() - 1) {
                // A next attempt queued before its predecessor's outcome was committed (OutcomeRecorder): that outcome is
                // on its way, or its message is handed out again. Ask again later rather than lose this one.
                throw new IllegalStateException("Attempt " + a.number() + " of delivery " + a.deliveryId()
                        + " came before attempt " + (t.attempts() + 1) + " was recorded");
            }
            if (!t.enabled()) {
                log.abandon(a, "Not sent: the webhook is disabled" + (t.disabledReason() == null ? "" : " (" + t.disabledReason() + ")"));
                continue;
            }
            if (attempts.size() > 1 && lanes.congested(a.webhookId(), now)) {
                // A slow, paused or busy webhook in a batch would hold back every other webhook of the batch, and the
                // issue's next batches behind it: its attempt goes on in a message of its own, in order.
                queue.send(List.of(message.isolate(a)), Duration.ZERO);
                continue;
            }
            WebhookLanes.Admission admission = lanes.admit(a.webhookId(), t.rateLimit(), message.paced(), now);
            if (admission.admitted()) {
                due.add(a);
            } else {
                // The webhook is at its limit on this node: the attempt is made later, and is not counted now.
                queue.send(List.of(message.deferred(a, admission.paced())), admission.delay());
            }
        }
        List<DeliveryOutbox.Key> rows = inOutbox ? List.of(new DeliveryOutbox.Key(message.eventId(), message.attemptsText())) : List.of();
        if (due.isEmpty()) {
            rows.forEach(outbox::removeDone); // every attempt recorded, deferred or taken out: nothing is left of the message
        } else {
            List<OutcomeRecorder.Sent> sent = sendAll(message, due, targets);
            log.recordAttempts(message, sent, rows);
            for (OutcomeRecorder.Sent s : sent) {
                metrics.attempted(s.outcome());
                if (s.outcome().success() && s.attempt().number() == 1 && queuedAtMillis > 0) {
                    metrics.delivered(queuedAtMillis);
                }
            }
        }
    }

    private List<OutcomeRecorder.Sent> sendAll(DeliveryMessage message, List<PlannedAttempt> due,
            Map<UUID, DeliveryReader.Target> targets) {
        if (due.size() == 1) {
            return List.of(sendSafely(message, due.get(0), targets.get(due.get(0).deliveryId())));
        }
        List<Future<OutcomeRecorder.Sent>> pending = new ArrayList<>();
        List<AtomicBoolean> started = new ArrayList<>();
        for (PlannedAttempt a : due) {
            AtomicBoolean claimed = new AtomicBoolean();
            started.add(claimed);
            pending.add(senders.submit(() -> claimed.compareAndSet(false, true) ? sendSafely(message, a, targets.get(a.deliveryId())) : null));
        }
        // An attempt that runs ends by itself within the request timeout; what is bounded here is the wait for a free
        // sender thread. An attempt that has not started by then is not made: it is recorded as failed, and retried.
        long deadline = System.nanoTime() + settings.requestTimeout().plusSeconds(5).toNanos();
        List<OutcomeRecorder.Sent> sent = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            PlannedAttempt a = due.get(i);
            Future<OutcomeRecorder.Sent> f = pending.get(i);
            try {
                try {
                    sent.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    if (started.get(i).compareAndSet(false, true)) {
                        f.cancel(false);
                        lanes.release(a.webhookId(), NOT_SENT_IN_TIME, System.nanoTime());
                        sent.add(new OutcomeRecorder.Sent(a, targets.get(a.deliveryId()), Times.now(), SignedRequest.unsent(), NOT_SENT_IN_TIME));
                    } else {
                        sent.add(f.get(settings.requestTimeout().plusSeconds(5).toNanos(), TimeUnit.NANOSECONDS));
                    }
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Delivery " + a.deliveryId() + " outlived its request timeout", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending deliveries", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("A delivery could not be sent", e.getCause());
            }
        }
        return sent;
    }

    /**
     * One attempt's bug must not resend a whole message to every endpoint that already answered: it is that
     * attempt's failure, logged, recorded and retried like any other.
     */
    private OutcomeRecorder.Sent sendSafely(DeliveryMessage message, PlannedAttempt attempt, DeliveryReader.Target target) {
        OutcomeRecorder.Sent sent;
        try {
            sent = send(message, attempt, target);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sending delivery " + attempt.deliveryId() + " failed", e);
            sent = new OutcomeRecorder.Sent(attempt, target, Times.now(), SignedRequest.unsent(),
                    HttpOutcome.failure("internal error while sending: " + e, 0));
        }
        lanes.release(attempt.webhookId(), sent.outcome(), System.nanoTime());
        return sent;
    }

    /** Signs and sends one attempt; never throws for what the endpoint or the network does. */
    public OutcomeRecorder.Sent send(DeliveryMessage message, PlannedAttempt attempt, DeliveryReader.Target target) {
        Instant started = Times.now();
        SignedRequest request = SignedRequest.sign(message.payload(), message.eventId(), attempt.deliveryId(), attempt.webhookId(),
                target.secret(), target.previousSecret(), started, settings.userAgent(), target.headers(), target.format(),
                settings.consoleUrl());
        HttpOutcome outcome = http.post(URI.create(target.url()), request.headers(), request.body());
        return new OutcomeRecorder.Sent(attempt, target, started, request, outcome);
    }
}
